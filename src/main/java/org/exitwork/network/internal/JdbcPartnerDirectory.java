package org.exitwork.network.internal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.exitwork.network.Partner;
import org.exitwork.network.PartnerContact;
import org.exitwork.network.PartnerDirectory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Other modules' read-only view of the partners; the SQL is in {@link PartnerRepository}. */
@Service
class JdbcPartnerDirectory implements PartnerDirectory {

    private final PartnerRepository repository;

    JdbcPartnerDirectory(PartnerRepository repository) {
        this.repository = repository;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Partner> find(UUID organisationId, UUID partnerId) {
        return repository.partner(organisationId, partnerId);
    }

    @Override
    @Transactional(readOnly = true)
    public java.util.Map<UUID, Partner> find(UUID organisationId, java.util.Collection<UUID> partnerIds) {
        return repository.partners(organisationId, partnerIds);
    }

    @Override
    @Transactional(readOnly = true)
    public List<Partner> partners(UUID organisationId) {
        return repository.partners(organisationId);
    }

    @Override
    @Transactional(readOnly = true)
    public List<PartnerContact> contacts(UUID organisationId, UUID partnerId) {
        return repository.partnerContacts(organisationId, partnerId);
    }
}
