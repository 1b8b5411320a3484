package org.exitwork.accounts.internal.web;

import java.util.Base64;
import java.util.UUID;

import org.exitwork.keys.FieldRef;
import org.exitwork.keys.SystemSecrets;
import org.exitwork.keys.UnreadableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.support.GenericConversionService;
import org.springframework.core.serializer.support.DeserializingConverter;
import org.springframework.core.serializer.support.SerializingConverter;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;

/**
 * The HTTP sessions' attributes (who is signed in, a form's token, the step of a sign-in) sealed under the system
 * key in {@code spring_session_attributes}. Spring Session keeps them as Java serialization and reads them back
 * with an {@code ObjectInputStream}: a database write login could have the server deserialize bytes of its own
 * making (any serializable class on the class path, run where the master key is), and a read login could read
 * every session's state. The server now opens only what it sealed itself; anything else reads as no attribute, so
 * such a session is simply not signed in. A sealed value is not tied to its row; {@link BoundSessions} ties the
 * session to its id, so that one copied into another row signs nobody in.
 */
@Configuration(proxyBeanMethods = false)
class SealedSessionAttributes {

    private static final Logger log = LoggerFactory.getLogger(SealedSessionAttributes.class);

    /** Where every sealed attribute is bound: the attributes' table and column (the row is not known here). */
    static final FieldRef PLACE = FieldRef.of("spring_session_attributes", new UUID(0, 0), "attribute_bytes");

    @Bean
    SessionRepositoryCustomizer<JdbcIndexedSessionRepository> sealedAttributes(SystemSecrets secrets) {
        return repository -> repository.setConversionService(conversion(secrets));
    }

    static GenericConversionService conversion(SystemSecrets secrets) {
        SerializingConverter serializing = new SerializingConverter();
        DeserializingConverter deserializing = new DeserializingConverter(SealedSessionAttributes.class.getClassLoader());
        GenericConversionService conversion = new GenericConversionService();
        conversion.addConverter(Object.class, byte[].class, value -> secrets.cipher().encrypt(PLACE,
                Base64.getEncoder().encodeToString(serializing.convert(value))));
        conversion.addConverter(byte[].class, Object.class, sealed -> {
            String opened;
            try {
                opened = secrets.cipher().decrypt(PLACE, sealed);
            } catch (UnreadableException notOurs) {
                // Not sealed by this installation: never handed to the deserializer.
                log.warn("A session attribute that this installation did not seal was ignored (the session is not"
                        + " signed in with it).");
                return null;
            }
            return deserializing.convert(Base64.getDecoder().decode(opened));
        });
        return conversion;
    }
}
