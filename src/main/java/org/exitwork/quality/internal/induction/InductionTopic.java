package org.exitwork.quality.internal.induction;

import java.util.UUID;

/** One topic of the organisation's induction path (title decrypted). */
public record InductionTopic(UUID id, int position, String title) {
}
