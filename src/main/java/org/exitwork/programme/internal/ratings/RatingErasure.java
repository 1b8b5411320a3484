package org.exitwork.programme.internal.ratings;

import org.exitwork.cases.ClientErased;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Ratings are client data: they go with the client, in the erasure's own transaction. */
@Component
class RatingErasure {

    private final RatingRepository ratings;

    RatingErasure(RatingRepository ratings) {
        this.ratings = ratings;
    }

    @EventListener
    void on(ClientErased erased) {
        ratings.deleteOfClient(erased.clientId());
    }
}
