package org.exitwork.continuity.internal;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import javax.sql.DataSource;

import org.exitwork.audit.AuditRestore;
import org.exitwork.continuity.Backups;
import org.exitwork.keys.ClientKeys;
import org.exitwork.keys.ErasureJournal;
import org.exitwork.keys.ErasureReplay;
import org.exitwork.keys.WrappedKeyCheck;
import org.exitwork.platform.SessionTables;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * {@code backup}: every table of the schema, read in one read-only snapshot transaction, into one ZIP
 * file (mode 0600) with a manifest; no key file is ever read. {@code restore}: refuses unless the
 * database is freshly migrated to the backup's schema version, the erasure journal is this
 * installation's and began before the backup, and every wrapped key of the backup opens with the
 * master key versions that exist now; then, in one transaction, writes every row (parents first) and
 * erases again everything the journal recorded since the backup was taken.
 */
@Service
@EnableConfigurationProperties(ContinuitySettings.class)
class ContinuityService implements Backups {

    /**
     * Journal lines are written just before their transaction commits, by the clock of whichever node
     * erased: an erasure a little older than the backup's time may still have committed after the
     * snapshot. Erasing again what is already gone does nothing, so the restore looks back this far.
     */
    static final Duration REPLAY_MARGIN = Duration.ofMinutes(10);
    private static final int BATCH = 500;

    private final DataSource dataSource;
    private final PlatformTransactionManager transactions;
    private final Flyway flyway;
    private final Environment env;
    private final Clock clock;
    private final ErasureJournal journal;
    private final WrappedKeyCheck keyCheck;
    private final List<ErasureReplay> replays;
    private final ClientKeys keys;
    private final Map<String, Path> keptApart;
    private final Path masterKeyFile;
    private final AuditRestore audit;

    ContinuityService(DataSource dataSource, PlatformTransactionManager transactions, Flyway flyway, Environment env,
            Clock clock, ErasureJournal journal, WrappedKeyCheck keyCheck, List<ErasureReplay> replays, ClientKeys keys,
            AuditRestore audit, ContinuitySettings settings) {
        this.dataSource = dataSource;
        this.transactions = transactions;
        this.flyway = flyway;
        this.env = env;
        this.clock = clock;
        this.journal = journal;
        this.keyCheck = keyCheck;
        this.replays = replays;
        this.keys = keys;
        this.audit = audit;
        this.masterKeyFile = settings.masterKeyFile().toAbsolutePath().normalize();
        this.keptApart = new LinkedHashMap<>();
        keptApart.put("the data directory", settings.dataDir().toAbsolutePath().normalize());
        keptApart.put("the directory of the master key", this.masterKeyFile.getParent());
        keptApart.put("the directory of the erasure journal", settings.erasureJournal().toAbsolutePath().normalize().getParent());
        keptApart.put("the directory of the audit keys", settings.audit().keyFile().toAbsolutePath().normalize().getParent());
        keptApart.put("the directory of the audit checkpoints", settings.audit().checkpointFile().toAbsolutePath().normalize().getParent());
    }

    // ---------------------------------------------------------------- backup

    @Override
    public Written backup(Path file) {
        Path target = file.toAbsolutePath().normalize();
        refuseNearKeyMaterial(target);
        if (Files.exists(target)) {
            throw new Refused(target + " already exists: a backup never overwrites a file. Choose a new name.");
        }
        if (target.getParent() == null || !Files.isDirectory(target.getParent())) {
            throw new Refused("There is no directory " + target.getParent() + " to write the backup into.");
        }
        UUID installation = journal.read().installation();
        String version = schemaVersion();
        Path part = target.resolveSibling(target.getFileName() + ".part");
        try {
            Files.deleteIfExists(part);
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(part, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(part);
            }
            Manifest manifest;
            try (OutputStream out = Files.newOutputStream(part, StandardOpenOption.WRITE);
                    ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(out, 1 << 16))) {
                manifest = snapshot(zip, version, installation);
                zip.putNextEntry(new ZipEntry(Manifest.ENTRY));
                zip.write(BackupArchive.JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
                zip.closeEntry();
            }
            try (FileChannel channel = FileChannel.open(part, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
            return new Written(target, Instant.parse(manifest.takenAt()), version, manifest.tables().size(),
                    manifest.rows());
        } catch (IOException e) {
            throw new Refused("Could not write the backup to " + target + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(part);
            } catch (IOException e) {
                // best effort: a partial file is never renamed to the backup's name
            }
        }
    }

    /** Keys and backups kept in one place travel together: a copy of one is a copy of both. */
    private void refuseNearKeyMaterial(Path target) {
        Path dir = real(target.getParent());
        keptApart.forEach((what, place) -> {
            if (place != null && dir.startsWith(real(place))) {
                throw new Refused("Refusing to write the backup into " + place + ", " + what
                        + ": keep backups apart from the key files, the erasure journal and the audit checkpoints, "
                        + "or a copy of one carries the others. Choose a place outside it.");
            }
        });
    }

    private static Path real(Path path) {
        try {
            return Files.exists(path) ? path.toRealPath() : path.toAbsolutePath().normalize();
        } catch (IOException e) {
            return path.toAbsolutePath().normalize();
        }
    }

    private Manifest snapshot(ZipOutputStream zip, String version, UUID installation) {
        TransactionTemplate snapshot = new TransactionTemplate(transactions);
        snapshot.setReadOnly(true);
        snapshot.setIsolationLevel(snapshotIsolation());
        return snapshot.execute(status -> {
            Connection c = DataSourceUtils.getConnection(dataSource);
            try {
                Instant takenAt = clock.instant();
                try (Statement s = c.createStatement()) {
                    s.execute("SELECT 1"); // the snapshot begins here
                }
                Schema schema = Schema.read(c, historyTable());
                List<Manifest.TableEntry> entries = new ArrayList<>();
                for (Schema.Table table : schema.tables()) {
                    entries.add(writeTable(c, table, zip));
                }
                return new Manifest(Manifest.FORMAT, takenAt.toString(), version, installation.toString(),
                        c.getMetaData().getDatabaseProductName() + " " + c.getMetaData().getDatabaseProductVersion(),
                        entries);
            } catch (SQLException | IOException e) {
                throw new IllegalStateException("backup failed: " + e.getMessage(), e);
            }
        });
    }

    /**
     * PostgreSQL: REPEATABLE READ is a true snapshot and never fails a read-only transaction. H2:
     * SERIALIZABLE, the level at which its MVCC store reads one snapshot throughout.
     */
    private int snapshotIsolation() {
        try (Connection c = dataSource.getConnection()) {
            return c.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres")
                    ? TransactionDefinition.ISOLATION_REPEATABLE_READ : TransactionDefinition.ISOLATION_SERIALIZABLE;
        } catch (SQLException e) {
            throw new IllegalStateException("database unreachable", e);
        }
    }

    private Manifest.TableEntry writeTable(Connection c, Schema.Table table, ZipOutputStream zip)
            throws SQLException, IOException {
        MessageDigest digest = BackupArchive.sha256();
        zip.putNextEntry(new ZipEntry("tables/" + table.name() + ".jsonl"));
        long rows = 0;
        try (PreparedStatement select = c.prepareStatement("SELECT " + table.columnList() + " FROM "
                + table.quotedName() + " ORDER BY " + table.orderBy())) {
            select.setFetchSize(BATCH);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    ArrayNode row = JsonNodeFactory.instance.arrayNode(table.columns().size());
                    for (int i = 0; i < table.columns().size(); i++) {
                        ColumnKind kind = table.columns().get(i).kind();
                        row.add(kind.encode(kind.read(rs, i + 1)));
                    }
                    byte[] line = (BackupArchive.JSON.writeValueAsString(row) + "\n").getBytes(StandardCharsets.UTF_8);
                    digest.update(line);
                    zip.write(line);
                    rows++;
                }
            }
        }
        zip.closeEntry();
        return new Manifest.TableEntry(table.name(), rows, HexFormat.of().formatHex(digest.digest()),
                table.columns().stream().map(col -> new Manifest.ColumnEntry(col.name(), col.kind().code())).toList());
    }

    // ---------------------------------------------------------------- restore

    @Override
    public Restored restore(Path file) {
        try (BackupArchive archive = BackupArchive.open(file)) {
            Manifest manifest = archive.manifest();
            Instant takenAt = Instant.parse(manifest.takenAt());
            checkJournal(manifest, takenAt);
            String version = schemaVersion();
            if (!version.equals(manifest.schemaVersion())) {
                throw new Refused("The backup is of schema version " + manifest.schemaVersion() + ", this database is at "
                        + version + ". Restore into a database migrated to the backup's version (run restore with "
                        + "--spring.flyway.target=" + manifest.schemaVersion() + " on a new, empty database, with the "
                        + "release that wrote the backup), then start the new release. Nothing was changed.");
            }
            Schema schema = withConnection(c -> Schema.read(c, historyTable()));
            checkSameTables(schema, manifest);
            archive.verify();
            Map<String, Long> used = checkEmpty(schema, version);
            checkKeysOpen(archive, manifest, takenAt);
            checkAuditVerifies(archive, manifest);
            Restored restored = write(archive, schema, manifest, takenAt, used);
            // Only once the restore committed: a restore record for a restore that did not happen would lie.
            long record = audit.restored(takenAt);
            return new Restored(restored.takenAt(), restored.schemaVersion(), restored.tables(), restored.rows(),
                    restored.erasuresReapplied(), record);
        }
    }

    private void checkJournal(Manifest manifest, Instant takenAt) {
        ErasureJournal.Contents contents = journal.read();
        if (!contents.installation().toString().equals(manifest.installation())) {
            throw new Refused("This backup belongs to installation " + manifest.installation() + ", but the erasure "
                    + "journal here belongs to installation " + contents.installation() + " (begun "
                    + contents.started() + "). A restore must erase again what was erased after the backup, and "
                    + "only the installation's own journal knows it: copy that journal to the path set by "
                    + "exitwork.erasure-journal (EXITWORK_ERASURE_JOURNAL) and run restore again. Nothing was changed.");
        }
        if (contents.started().isAfter(takenAt)) {
            throw new Refused("The erasure journal began at " + contents.started() + ", after this backup was taken ("
                    + takenAt + "): it cannot say what was erased in between, so the backup cannot be restored "
                    + "safely. Nothing was changed.");
        }
    }

    private void checkSameTables(Schema schema, Manifest manifest) {
        Map<String, List<Manifest.ColumnEntry>> here = new HashMap<>();
        schema.tables().forEach(t -> here.put(t.name(), t.columns().stream()
                .map(c -> new Manifest.ColumnEntry(c.name(), c.kind().code())).toList()));
        Map<String, List<Manifest.ColumnEntry>> there = new HashMap<>();
        // A backup written before the sessions were left out holds them: they are not restored.
        manifest.tables().stream().filter(t -> !SessionTables.isOne(t.name()))
                .forEach(t -> there.put(t.name(), t.columns()));
        if (!here.equals(there)) {
            List<String> differ = new ArrayList<>();
            here.keySet().stream().filter(n -> !there.containsKey(n)).forEach(n -> differ.add(n + " (not in the backup)"));
            there.keySet().stream().filter(n -> !here.containsKey(n)).forEach(n -> differ.add(n + " (not in this database)"));
            here.keySet().stream().filter(there::containsKey).filter(n -> !here.get(n).equals(there.get(n)))
                    .forEach(n -> differ.add(n + " (other columns)"));
            throw new Refused("The backup's tables do not match this database's: " + String.join(", ", differ.stream()
                    .sorted().toList()) + ". Nothing was changed.");
        }
    }

    /** @return the tables that hold the migrations' seed rows, with their counts, to be replaced */
    private Map<String, Long> checkEmpty(Schema schema, String version) {
        Map<String, Long> counts = withConnection(c -> {
            Map<String, Long> found = new LinkedHashMap<>();
            for (Schema.Table table : schema.tables()) {
                try (Statement s = c.createStatement();
                        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table.quotedName())) {
                    rs.next();
                    if (rs.getLong(1) > 0) {
                        found.put(table.name(), rs.getLong(1));
                    }
                }
            }
            return found;
        });
        if (counts.isEmpty()) {
            return counts;
        }
        Map<String, Set<String>> seeds = FreshSchema.seedKeys(env, version, historyTable());
        List<String> used = withConnection(c -> {
            List<String> tables = new ArrayList<>();
            for (String name : counts.keySet()) {
                Set<String> keys = FreshSchema.keys(c, schema.table(name));
                if (!seeds.getOrDefault(name, Set.of()).containsAll(keys)) {
                    tables.add(name + " (" + counts.get(name) + " rows)");
                }
            }
            return tables;
        });
        if (!used.isEmpty()) {
            throw new Refused("This database is not empty: " + String.join(", ", used) + " hold rows a freshly "
                    + "migrated database does not. restore writes only into a new, empty database (migrated, no "
                    + "organisation set up yet): create one and point the command at it. Nothing was changed.");
        }
        return counts;
    }

    private void checkKeysOpen(BackupArchive archive, Manifest manifest, Instant takenAt) {
        long[] all = {0};
        long[] closed = {0};
        for (String name : keyCheck.tables()) {
            forEachRowOf(archive, manifest, name, row -> {
                all[0]++;
                if (!keyCheck.opens(name, row)) {
                    closed[0]++;
                }
            });
        }
        if (closed[0] > 0) {
            long days = Duration.between(takenAt, clock.instant()).toDays();
            throw new Refused("This backup (taken " + takenAt + ", " + days + " days ago) cannot be opened: " + closed[0]
                    + " of its " + all[0] + " data keys do not open with the master key versions that exist now ("
                    + masterKeyFile + "). It is older than the erasure horizon: its keys were destroyed by design, so "
                    + "it cannot be restored. (A backup of another installation, or a master key file that is not "
                    + "this installation's, fails the same way.) Nothing was changed.");
        }
    }

    /** The audit key and the checkpoint file are not in the backup: the installation's own must be here. */
    private void checkAuditVerifies(BackupArchive archive, Manifest manifest) {
        AuditRestore.Check check = audit.check();
        for (String name : audit.tables()) {
            forEachRowOf(archive, manifest, name, row -> check.row(name, row));
        }
        check.refusal().ifPresent(reason -> {
            throw new Refused(reason);
        });
    }

    /** Hands each row of one table of the backup to {@code action}, keyed by column name. */
    private static void forEachRowOf(BackupArchive archive, Manifest manifest, String name,
            java.util.function.Consumer<Map<String, Object>> action) {
        Manifest.TableEntry table = manifest.tables().stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new Refused("The backup has no table " + name + ". Nothing was changed."));
        List<String> columns = table.columns().stream().map(Manifest.ColumnEntry::name).toList();
        archive.forEachRow(table, values -> {
            Map<String, Object> row = new HashMap<>();
            for (int i = 0; i < values.length; i++) {
                row.put(columns.get(i), values[i]);
            }
            action.accept(row);
        });
    }

    private Restored write(BackupArchive archive, Schema schema, Manifest manifest, Instant takenAt,
            Map<String, Long> seeded) {
        TransactionTemplate tx = new TransactionTemplate(transactions);
        int reapplied = tx.execute(status -> {
            Connection c = DataSourceUtils.getConnection(dataSource);
            try {
                Map<String, Map<String, SeedRow>> seeds = new HashMap<>();
                for (String name : seeded.keySet()) {
                    seeds.put(name, seedRows(c, schema.table(name)));
                }
                for (Schema.Table table : schema.tables()) {
                    insert(c, archive, table, manifest, seeds.getOrDefault(table.name(), new HashMap<>()));
                }
                // Seed rows the backup does not hold go, children first.
                List<Schema.Table> childrenFirst = new ArrayList<>(schema.tables());
                java.util.Collections.reverse(childrenFirst);
                for (Schema.Table table : childrenFirst) {
                    for (SeedRow row : seeds.getOrDefault(table.name(), Map.of()).values()) {
                        delete(c, table, row.key());
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("restore failed, nothing was changed: " + e.getMessage(), e);
            }
            // Before anything serves again: what was erased after the backup stays erased.
            int again = 0;
            for (UUID id : journal.read().erasedSince(takenAt.minus(REPLAY_MARGIN))) {
                if (replays.stream().anyMatch(replay -> replay.eraseAgain(id))) {
                    again++;
                } else {
                    keys.shred(id);
                }
            }
            return again;
        });
        replays.forEach(ErasureReplay::afterReplay);
        return new Restored(takenAt, manifest.schemaVersion(), manifest.tables().size(), manifest.rows(), reapplied, 0);
    }

    /** A row the migrations put there: its key values and its whole encoding. */
    private record SeedRow(Object[] key, String encoded) {
    }

    private static Map<String, SeedRow> seedRows(Connection c, Schema.Table table) throws SQLException {
        Map<String, SeedRow> rows = new HashMap<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT " + table.columnList() + " FROM " + table.quotedName())) {
            while (rs.next()) {
                Object[] values = new Object[table.columns().size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = table.columns().get(i).kind().read(rs, i + 1);
                }
                rows.put(encode(table, values, table.keyPositions()), new SeedRow(keyValues(table, values),
                        encode(table, values, null)));
            }
        }
        return rows;
    }

    private static Object[] keyValues(Schema.Table table, Object[] values) {
        return table.keyPositions().stream().map(p -> values[p]).toArray();
    }

    /** The given columns (all when null) in the backup's encoding. */
    private static String encode(Schema.Table table, Object[] values, List<Integer> positions) {
        ArrayNode row = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < values.length; i++) {
            if (positions == null || positions.contains(i)) {
                row.add(table.columns().get(i).kind().encode(values[i]));
            }
        }
        return row.toString();
    }

    private static void delete(Connection c, Schema.Table table, Object[] key) throws SQLException {
        List<Integer> positions = table.keyPositions();
        String where = positions.stream().map(p -> Schema.quote(table.columns().get(p).name()) + " = ?")
                .collect(java.util.stream.Collectors.joining(" AND "));
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM " + table.quotedName() + " WHERE " + where)) {
            for (int i = 0; i < positions.size(); i++) {
                Schema.Column column = table.columns().get(positions.get(i));
                column.kind().bind(delete, i + 1, key[i], column.jdbcType());
            }
            delete.executeUpdate();
        }
    }

    /**
     * Inserts the backup's rows. A seed row the backup holds unchanged stays as it is (an append-only
     * table may hold one); one it holds changed (the audit head) is replaced.
     */
    private void insert(Connection c, BackupArchive archive, Schema.Table table, Manifest manifest,
            Map<String, SeedRow> seeds) throws SQLException {
        Manifest.TableEntry entry = manifest.tables().stream().filter(t -> t.name().equals(table.name())).findFirst()
                .orElseThrow();
        if (entry.rows() == 0) {
            return;
        }
        String placeholders = String.join(", ", java.util.Collections.nCopies(table.columns().size(), "?"));
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + table.quotedName() + " ("
                + table.columnList() + ") VALUES (" + placeholders + ")")) {
            int[] pending = {0};
            archive.forEachRow(entry, values -> {
                if (!seeds.isEmpty()) {
                    SeedRow seed = seeds.remove(encode(table, values, table.keyPositions()));
                    if (seed != null && seed.encoded().equals(encode(table, values, null))) {
                        return;
                    }
                    if (seed != null) {
                        delete(c, table, seed.key());
                    }
                }
                for (int i = 0; i < values.length; i++) {
                    Schema.Column column = table.columns().get(i);
                    column.kind().bind(insert, i + 1, values[i], column.jdbcType());
                }
                insert.addBatch();
                if (++pending[0] == BATCH) {
                    insert.executeBatch();
                    pending[0] = 0;
                }
            });
            if (pending[0] > 0) {
                insert.executeBatch();
            }
        }
    }

    // ---------------------------------------------------------------- shared

    private String schemaVersion() {
        MigrationInfo current = flyway.info().current();
        if (current == null || current.getVersion() == null) {
            throw new Refused("The database has no schema yet (Flyway has not migrated it).");
        }
        return current.getVersion().getVersion();
    }

    private String historyTable() {
        return flyway.getConfiguration().getTable();
    }

    private interface WithConnection<T> {
        T apply(Connection c) throws SQLException;
    }

    private <T> T withConnection(WithConnection<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.apply(c);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
