package org.exitwork.programme.internal.ratings;

import java.util.List;
import java.util.UUID;

import org.exitwork.cases.CaseProgrammes;
import org.exitwork.programme.internal.design.Programmes;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Answers the cases module: which programmes there are, and a client's first and latest ratings. */
@Component
class ProgrammeCatalogue implements CaseProgrammes.Catalogue {

    private final Programmes programmes;
    private final RatingRepository ratings;

    ProgrammeCatalogue(Programmes programmes, RatingRepository ratings) {
        this.programmes = programmes;
        this.ratings = ratings;
    }

    @Override
    public List<CaseProgrammes.Choice> choices(UUID organisationId) {
        return programmes.list(organisationId).stream().map(p -> new CaseProgrammes.Choice(p.id(), p.name())).toList();
    }

    @Override
    @Transactional(readOnly = true)
    public List<CaseProgrammes.OutcomeProgress> progress(UUID organisationId, UUID programmeId, UUID clientId) {
        return ratings.progress(organisationId, programmeId, clientId);
    }
}
