package org.exitwork.keys.horizon;

import java.util.List;

import org.exitwork.testing.DatabaseTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.TestPropertySource;

/**
 * On the test database (H2 in memory, PostgreSQL): the wrapped key read before the erasure stands for
 * every copy the database keeps out of the application's sight (PostgreSQL's dead rows and WAL) and
 * for a backup taken that day. {@link ErasureHorizonOnDiskTest} reads the H2 file itself.
 */
@DatabaseTest
@AutoConfigureMockMvc
@TestPropertySource(properties = "exitwork.test.context=erasure-horizon")
class ErasureHorizonTest extends ErasureHorizonScenario {

    @Override
    List<byte[]> wrappedKeysLyingAround() {
        return List.of();
    }
}
