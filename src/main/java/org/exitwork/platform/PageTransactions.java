package org.exitwork.platform;

import java.lang.reflect.Method;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.aop.Advisor;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.StaticMethodMatcherPointcut;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;

/**
 * A page is read in one transaction. Every handler of an Exitwork controller that answers GET runs in
 * one transaction, which the services it calls join: one connection from the pool instead of one per
 * service call (a page asked two to seven services, each in a transaction of its own), and what the
 * page shows is read together. Not in it: what must be written whatever becomes of the page (an audit
 * entry recorded independently opens its own), the method security check (it runs first, so a refused
 * request opens none), the template (rendered after the transaction ends, holding no connection) and a
 * file a handler answers ({@link ResponseEntity}: the gate's one call decides and records in a
 * transaction of its own, the file, a PDF rendered by the handler too, is made after it).
 *
 * <p>The services decide, as they did in transactions of their own, whether their work stays: a
 * service that fails marks the page's transaction for rollback, one that fails with an exception it
 * keeps its work for ({@code noRollbackFor}) does not, and the page's transaction ends accordingly. A
 * handler that goes on after a service marked the transaction for rollback does not get its page shown
 * (the commit refuses): no audit entry written in the transaction is dropped while its page is seen.
 */
@Configuration(proxyBeanMethods = false)
class PageTransactions {

    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static Advisor pagesInOneTransaction(ObjectProvider<PlatformTransactionManager> transactions) {
        return new DefaultPointcutAdvisor(new PageHandlers(), new OneTransaction(transactions));
    }

    /**
     * The GET handlers of Exitwork's controllers, but not those that answer a file ({@link ResponseEntity}):
     * a download asks the gate once, which decides and records in one transaction of its own, and the file
     * is made after it (a PDF rendered in the handler would otherwise hold a connection, and the funder's
     * PDF is public).
     */
    static final class PageHandlers extends StaticMethodMatcherPointcut {

        PageHandlers() {
            setClassFilter(type -> type.getName().startsWith("org.exitwork.")
                    && AnnotatedElementUtils.hasAnnotation(type, Controller.class));
        }

        @Override
        public boolean matches(Method method, Class<?> targetClass) {
            RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(method, RequestMapping.class);
            if (mapping == null || ResponseEntity.class.isAssignableFrom(method.getReturnType())) {
                return false;
            }
            if (AnnotatedElementUtils.hasAnnotation(method, QuestionPage.class)) {
                return true;
            }
            for (RequestMethod answered : mapping.method()) {
                if (answered == RequestMethod.GET) {
                    return true;
                }
            }
            return false;
        }
    }

    static final class OneTransaction implements MethodInterceptor {

        private final ObjectProvider<PlatformTransactionManager> transactions;

        OneTransaction(ObjectProvider<PlatformTransactionManager> transactions) {
            this.transactions = transactions;
        }

        @Override
        public Object invoke(MethodInvocation page) throws Throwable {
            PlatformTransactionManager manager = transactions.getObject();
            DefaultTransactionDefinition definition = new DefaultTransactionDefinition();
            definition.setName("page " + page.getMethod().getDeclaringClass().getSimpleName() + "."
                    + page.getMethod().getName());
            TransactionStatus status = manager.getTransaction(definition);
            Object answer;
            try {
                answer = page.proceed();
            } catch (Throwable failed) {
                if (status.isRollbackOnly()) {
                    try {
                        manager.rollback(status);
                    } catch (RuntimeException rollback) {
                        failed.addSuppressed(rollback);
                    }
                    throw failed;
                }
                try {
                    manager.commit(status);
                } catch (RuntimeException commit) {
                    // What the services meant to keep is not kept: that, not their exception, is the answer.
                    commit.addSuppressed(failed);
                    throw commit;
                }
                throw failed;
            }
            manager.commit(status);
            return answer;
        }
    }
}
