package org.exitwork.cases.internal.ending;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.exitwork.cases.internal.figures.CaseTallies;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The ending columns of {@code cas_client} and the follow-ups ({@code cas_follow_up}). */
@Repository
class EndingRepository {

    record Ending(LocalDate becameClientOn, LocalDate closedOn, String closure, byte[] aftercare) {
    }

    private final JdbcClient jdbc;
    private final CaseTallies tallies;

    EndingRepository(JdbcClient jdbc, CaseTallies tallies) {
        this.jdbc = jdbc;
        this.tallies = tallies;
    }

    Ending ending(UUID clientId) {
        return jdbc.sql("SELECT became_client_on, closed_on, closure, aftercare_plan FROM cas_client WHERE id = ?")
                .param(clientId)
                .query((rs, n) -> new Ending(toLocalDate(rs.getDate(1)), toLocalDate(rs.getDate(2)), rs.getString(3),
                        rs.getBytes(4)))
                .single();
    }

    List<EndingService.FollowUp> followUps(UUID clientId) {
        return jdbc.sql("SELECT id, due_on, done_on FROM cas_follow_up WHERE client_id = ? "
                + "ORDER BY due_on").param(clientId)
                .query((rs, n) -> new EndingService.FollowUp(rs.getObject(1, UUID.class), rs.getDate(2).toLocalDate(),
                        toLocalDate(rs.getDate(3))))
                .list();
    }

    void insertFollowUp(UUID clientId, LocalDate due) {
        jdbc.sql("INSERT INTO cas_follow_up (id, client_id, due_on) VALUES (?, ?, ?)")
                .params(UUID.randomUUID(), clientId, Date.valueOf(due)).update();
    }

    /** @return whether an open follow-up of the client was marked done */
    boolean followUpDone(UUID clientId, UUID followUpId, LocalDate on) {
        return jdbc.sql("UPDATE cas_follow_up SET done_on = ? WHERE id = ? AND client_id = ? AND done_on IS NULL")
                .params(Date.valueOf(on), followUpId, clientId).update() > 0;
    }

    /** @return whether the case was a client's and is closed now */
    boolean close(UUID clientId, LocalDate closedOn, Closure closure, byte[] aftercare) {
        tallies.touch(clientId);
        return jdbc.sql("UPDATE cas_client SET stage = 'CLOSED', closed_on = ?, closure = ?, aftercare_plan = ? "
                + "WHERE id = ? AND stage = 'CLIENT'")
                .params(Date.valueOf(closedOn), closure.name(), aftercare, clientId).update() == 1;
    }

    private static LocalDate toLocalDate(Date date) {
        return date == null ? null : date.toLocalDate();
    }
}
