package org.exitwork.keys.horizon;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.exitwork.testing.TestSupport;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded default as it runs: an H2 file in the data directory. Every byte of
 * {@code exitwork.mv.db} is read, including free and stale pages, and every Tink encrypted keyset in it
 * is tried. Before the horizon the erased client's key is still in the file and opens (the reviewer's
 * finding); after it, nothing in the file opens it.
 */
@SpringBootTest
@ActiveProfiles("test")
@AutoConfigureMockMvc
@Import(TestSupport.class)
@ContextConfiguration(initializers = ErasureHorizonOnDiskTest.FileDatabase.class)
class ErasureHorizonOnDiskTest extends ErasureHorizonScenario {

    @Value("${exitwork.data-dir}")
    Path dataDir;

    static class FileDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            try {
                Path dir = Files.createTempDirectory("exitwork-horizon-");
                context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("exitwork-file-db", Map.of(
                        "exitwork.data-dir", dir.toString(),
                        "spring.datasource.url", "jdbc:h2:file:" + dir.resolve("exitwork")
                                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH")));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Override
    void beforeErasure() {
        jdbc.sql("CHECKPOINT SYNC").update();
    }

    @Override
    void beforeTheHorizon(byte[] keptWrappedKey, UUID erased) throws Exception {
        List<byte[]> inFile = wrappedKeysLyingAround();
        assertThat(inFile).as("the erased client's wrapped key is still in the file's stale pages")
                .anySatisfy(blob -> assertThat(blob).isEqualTo(keptWrappedKey));
        assertThat(inFile).anySatisfy(blob -> assertThat(opens(blob, erased)).isTrue());
    }

    @Override
    void afterTheHorizon(Iterable<UUID> live) throws Exception {
        // The scan finds keys that do open: the live clients' current ones.
        List<byte[]> inFile = wrappedKeysLyingAround();
        for (UUID client : live) {
            assertThat(inFile).as("the scan finds the live client's key").anySatisfy(
                    blob -> assertThat(opens(blob, client)).isTrue());
        }
    }

    /**
     * Every Tink encrypted keyset in the database file: protobuf field 2 (tag 0x12), its length, and a
     * ciphertext that starts with Tink's prefix 0x01 and a key id.
     */
    @Override
    List<byte[]> wrappedKeysLyingAround() throws Exception {
        jdbc.sql("CHECKPOINT SYNC").update();
        byte[] file = Files.readAllBytes(dataDir.resolve("exitwork.mv.db"));
        List<byte[]> found = new ArrayList<>();
        for (int i = 0; i + 3 < file.length; i++) {
            if (file[i] != 0x12) {
                continue;
            }
            int length = file[i + 1] & 0xFF;
            int start = i + 2;
            if ((length & 0x80) != 0) {
                length = (length & 0x7F) | ((file[i + 2] & 0xFF) << 7);
                start = i + 3;
            }
            if (length < 40 || length > 4096 || start + length > file.length || file[start] != 1) {
                continue;
            }
            found.add(Arrays.copyOfRange(file, i, start + length));
        }
        return found;
    }
}
