package org.exitwork.platform;

import java.util.List;

import org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations;
import org.springframework.stereotype.Component;
import org.springframework.validation.AbstractPropertyBindingResult;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.web.bind.ServletRequestDataBinder;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.annotation.InitBinderDataBinderFactory;
import org.springframework.web.method.support.InvocableHandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;
import org.springframework.web.servlet.mvc.method.annotation.ServletRequestDataBinderFactory;
import org.springframework.web.servlet.support.ExtendedServletRequestDataBinder;

/**
 * Forms are records, built through their constructor from the request. When a value cannot be
 * converted (a choice that does not exist, 31 February, "ninety" minutes) Spring still builds the
 * record, with that field empty, but the binding result it hands the controller was made before the
 * record existed and has no target. A controller adding its own error ({@code rejectValue}), or a
 * template reading a field of a row, then fails with "null bean instance": a 500 instead of the form
 * shown again with the message at the field. Here every form's binding result gets its record, with
 * the conversion errors carried over, so bad input answers 400 (see {@link FormErrorStatus}).
 */
@Component
class RecordFormBinding implements WebMvcRegistrations {

    @Override
    public RequestMappingHandlerAdapter getRequestMappingHandlerAdapter() {
        return new RequestMappingHandlerAdapter() {
            @Override
            protected InitBinderDataBinderFactory createDataBinderFactory(List<InvocableHandlerMethod> binderMethods) {
                return new ServletRequestDataBinderFactory(binderMethods, getWebBindingInitializer()) {
                    @Override
                    protected ServletRequestDataBinder createBinderInstance(Object target, String objectName,
                            NativeWebRequest request) {
                        return new RecordFormBinder(target, objectName);
                    }
                };
            }
        };
    }

    static final class RecordFormBinder extends ExtendedServletRequestDataBinder {

        private AbstractPropertyBindingResult withRecord;

        RecordFormBinder(Object target, String objectName) {
            super(target, objectName);
        }

        @Override
        protected AbstractPropertyBindingResult getInternalBindingResult() {
            AbstractPropertyBindingResult made = super.getInternalBindingResult();
            Object record = getTarget();
            if (made.getTarget() != null || record == null) {
                return made;
            }
            if (withRecord == null) {
                BeanPropertyBindingResult result = new BeanPropertyBindingResult(record, getObjectName(),
                        isAutoGrowNestedPaths(), getAutoGrowCollectionLimit());
                if (getConversionService() != null) {
                    result.initConversion(getConversionService());
                }
                result.setMessageCodesResolver(made.getMessageCodesResolver());
                result.addAllErrors(made);
                withRecord = result;
            }
            return withRecord;
        }
    }
}
