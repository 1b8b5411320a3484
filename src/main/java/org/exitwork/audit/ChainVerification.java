package org.exitwork.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What checking every entry and every checkpoint of the audit log found.
 *
 * @param entriesChecked how many entries were read
 * @param findings everything that does not fit, in the order found; empty when intact
 * @param entriesPerOrganisation entries read per organisation's chain, so that an organisation is
 *        told its own count and nothing about the others' volume
 * @param restores what the signed restore records in the checkpoint file say, one line each, oldest
 *        first: information, not findings (a restore is legitimate only with the signing key)
 * @param fromCheckpoint the signed checkpoint the entries were verified from (those before the heads it saw
 *        were not read again), {@code null} for a full run or when no checkpoint was there to start from
 * @param earlierChainEntries how many of the entries read belong to the earlier, unkeyed SHA-256 chain of an
 *        installation older than the keyed chains: checked by their links and the seal that ends them, not by a
 *        tag of the audit key
 */
public record ChainVerification(long entriesChecked, List<Finding> findings, Map<UUID, Long> entriesPerOrganisation,
        List<String> restores, Long fromCheckpoint, long earlierChainEntries) {

    /** What kind of tampering a finding points to. */
    public enum Kind {
        /** The entry's MAC does not verify with the audit key: changed, or forged and appended. */
        NOT_AUTHENTIC,
        /** An authentic entry found at another number: entries were deleted, renumbered or reordered. */
        OUT_OF_PLACE,
        /** The entry is authentic but follows another entry than the one before it. */
        LINK_BROKEN,
        /** A number is missing in the chain. */
        MISSING,
        /** The chain's head points behind its newest stored entry. */
        AFTER_HEAD,
        /** The chain's head points past its newest stored entry: the newest entries were deleted. */
        BEFORE_HEAD,
        /** A checkpoint saw the chain further than it now goes: the tail was cut and the head moved back. */
        TAIL_CUT,
        /** An entry differs from what a checkpoint saw. */
        CHANGED_SINCE_CHECKPOINT,
        /** The first entry of the keyed chains does not seal the end of the earlier chain as it is. */
        SEAL_MISMATCH,
        /** The earlier, installation-wide SHA-256 chain is broken. */
        LEGACY_BROKEN,
        /** A line of the checkpoint file cannot be read. */
        CHECKPOINT_UNREADABLE,
        /** A checkpoint's signature does not verify: the line was edited. */
        CHECKPOINT_FORGED,
        /** Checkpoints are missing in the middle of the file. */
        CHECKPOINT_MISSING,
        /** A checkpoint does not cover the line before it. */
        CHECKPOINT_LINK_BROKEN,
        /** The database knows newer checkpoints than the file holds: the file was cut. */
        CHECKPOINT_FILE_CUT,
        /** Something outside the asking organisation's own chain (named only to the installation). */
        ELSEWHERE
    }

    /**
     * One thing that does not fit.
     *
     * @param organisationId the organisation whose chain it is in, {@code null} for the installation's
     *        chain, the earlier chain and the checkpoint file
     * @param chain the chain's name ("organisation &lt;id&gt;", "installation", "legacy", "checkpoints")
     * @param seq the entry concerned, if any
     * @param other a second entry number the finding names (the authentic number of a moved entry, the
     *        newest entry a checkpoint saw, the last checkpoint of the file), if any
     * @param checkpoint the checkpoint concerned, if any
     * @param text what was found, in English, for operators
     */
    public record Finding(UUID organisationId, String chain, Long seq, Long other, Long checkpoint, Kind kind,
            String text) {

        @Override
        public String toString() {
            return (seq == null ? "" : "entry " + seq + " ") + "(" + chain + "): " + text;
        }
    }

    public ChainVerification {
        findings = List.copyOf(findings);
        entriesPerOrganisation = Map.copyOf(entriesPerOrganisation);
        restores = List.copyOf(restores);
    }

    public ChainVerification(long entriesChecked, List<Finding> findings, Map<UUID, Long> entriesPerOrganisation,
            List<String> restores, Long fromCheckpoint) {
        this(entriesChecked, findings, entriesPerOrganisation, restores, fromCheckpoint, 0);
    }

    public ChainVerification(long entriesChecked, List<Finding> findings, Map<UUID, Long> entriesPerOrganisation,
            List<String> restores) {
        this(entriesChecked, findings, entriesPerOrganisation, restores, null);
    }

    public ChainVerification(long entriesChecked, List<Finding> findings, Map<UUID, Long> entriesPerOrganisation) {
        this(entriesChecked, findings, entriesPerOrganisation, List.of());
    }

    /** Whether every entry was read (no checkpoint vouched for the older ones). */
    public boolean full() {
        return fromCheckpoint == null;
    }

    public static ChainVerification intact(long entries) {
        return new ChainVerification(entries, List.of(), Map.of());
    }

    public boolean intact() {
        return findings.isEmpty();
    }

    /** The first finding's entry number, if it names one. */
    public Optional<Long> firstBadSeq() {
        return findings.stream().findFirst().map(Finding::seq);
    }

    /** The first finding in words, {@code null} when intact. */
    public String problem() {
        return findings.isEmpty() ? null : findings.get(0).text();
    }

    /**
     * What one organisation's data protection officer may see: their own chain's findings and count,
     * and only that something is wrong elsewhere, with no number from which another organisation's
     * volume could be read.
     */
    public ChainVerification seenBy(UUID organisationId) {
        List<Finding> own = new ArrayList<>();
        boolean elsewhere = false;
        for (Finding f : findings) {
            if (organisationId != null && organisationId.equals(f.organisationId())) {
                own.add(f);
            } else {
                elsewhere = true;
            }
        }
        if (elsewhere) {
            own.add(new Finding(null, "elsewhere", null, null, null, Kind.ELSEWHERE,
                    "something outside this organisation's chain does not fit; the installation's operator "
                            + "runs verify-audit for details"));
        }
        long count = entriesPerOrganisation.getOrDefault(organisationId, 0L);
        return new ChainVerification(count, own,
                organisationId == null ? Map.of() : Map.of(organisationId, count), restores, fromCheckpoint);
    }
}
