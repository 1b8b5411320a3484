package org.exitwork.platform;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A handler that is posted to but stores nothing and answers with a page: a question of a form asked one
 * question per page ({@link FormSteps}), which carries the answers so far to the next question or the check
 * page. Such a page is read in one transaction like a GET page ({@link PageTransactions}).
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface QuestionPage {
}
