package org.exitwork.cases;

import java.util.UUID;

public record RegisteredClient(UUID id, String pseudonym) {
}
