package org.exitwork.accounts.internal.account;

import java.util.Optional;

import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.stereotype.Component;

/** Ends every open session of an account (Spring Session JDBC indexes sessions by principal name). */
@Component
public class AccountSessions {

    private final Optional<FindByIndexNameSessionRepository<?>> sessions;

    AccountSessions(Optional<FindByIndexNameSessionRepository<?>> sessions) {
        this.sessions = sessions;
    }

    public void end(String username) {
        sessions.ifPresent(repo -> repo.findByPrincipalName(username).keySet().forEach(repo::deleteById));
    }
}
