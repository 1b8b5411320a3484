package org.exitwork.testing;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scan that dozens of tests rely on to prove "never in plain text in the database" finds a
 * marker in every form plain text can take: any case in a text column, UTF-8 and UTF-16 inside
 * binary columns; and reports nothing where nothing is.
 */
class DatabaseScanTest {

    @Test
    void findsAMarkerInTextAndInsideBinaryValuesAndNothingElse() throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:scan" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        try (Connection c = h2.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE note (id INT, body VARCHAR(200), sealed VARBINARY(200), attachment BLOB)");
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO note VALUES (?, ?, ?, ?)")) {
                row(insert, 1, "She spoke of MarkerOne today", null, null);
                row(insert, 2, null, wrap("MarkerTwo".getBytes(StandardCharsets.UTF_16LE)), null);
                row(insert, 3, null, null, wrap("MarkerThree".getBytes(StandardCharsets.UTF_8)));
                row(insert, 4, null, wrap("MarkerFour".getBytes(StandardCharsets.UTF_16BE)), null);
                row(insert, 5, "nothing here", wrap("markertwo".getBytes(StandardCharsets.UTF_8)), null);
            }
        }

        assertThat(DatabaseScan.find(h2, List.of("markerone", "MarkerTwo", "MarkerThree", "MarkerFour", "MarkerFive")))
                .containsExactlyInAnyOrder("NOTE.BODY contains markerone", "NOTE.SEALED contains MarkerTwo",
                        "NOTE.ATTACHMENT contains MarkerThree", "NOTE.SEALED contains MarkerFour");
        assertThat(DatabaseScan.find(h2, List.of("Absentmarker"))).isEmpty();
        // a marker so short that random data holds it by chance is refused, not searched
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DatabaseScan.find(h2, List.of("Yollo")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fewer than 8 characters");
        assertThat(DatabaseScan.indexOf("xxMarker".getBytes(StandardCharsets.UTF_8),
                "Marker".getBytes(StandardCharsets.UTF_8))).isEqualTo(2);
    }

    private static void row(PreparedStatement insert, int id, String body, byte[] sealed, byte[] attachment)
            throws Exception {
        insert.setInt(1, id);
        insert.setString(2, body);
        insert.setBytes(3, sealed);
        insert.setBytes(4, attachment);
        insert.executeUpdate();
    }

    /** Bytes that are not text around the marker, as in a sealed value. */
    private static byte[] wrap(byte[] marker) {
        byte[] out = new byte[marker.length + 8];
        for (int i = 0; i < 4; i++) {
            out[i] = (byte) (0xF0 + i);
            out[out.length - 1 - i] = (byte) (0x80 + i);
        }
        System.arraycopy(marker, 0, out, 4, marker.length);
        return out;
    }
}
