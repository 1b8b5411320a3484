package org.exitwork.cases.internal.handover;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.exitwork.accounts.StaffDirectory;
import org.exitwork.cases.CaseReference;
import org.exitwork.cases.ClientRecordPart;
import org.exitwork.cases.ClientRecordSection;
import org.exitwork.cases.ClientRecordSection.Item;
import org.springframework.context.MessageSource;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The client's report (R19) says who joined and who left their tandem, when and why (the reason's
 * code in words), never the note: it may be about the practitioner rather than the client.
 */
@Component
@Order(11)
class TandemChangesForClient implements ClientRecordPart {

    private final HandoverRepository changes;
    private final StaffDirectory staff;
    private final MessageSource messages;

    TandemChangesForClient(HandoverRepository changes, StaffDirectory staff, MessageSource messages) {
        this.changes = changes;
        this.staff = staff;
        this.messages = messages;
    }

    @Override
    @Transactional(readOnly = true)
    public List<ClientRecordSection> sections(CaseReference client, Locale language) {
        List<HandoverRepository.ChangeRow> rows = changes.changes(client.id());
        if (rows.isEmpty()) {
            return List.of();
        }
        Set<UUID> ids = rows.stream().map(HandoverRepository.ChangeRow::staffId).collect(Collectors.toSet());
        Map<UUID, String> names = staff.displayNames(client.organisationId(), ids);
        List<Item> items = rows.stream()
                .map(r -> new Item(LocalDate.ofInstant(r.changedAt(), ZoneId.systemDefault()).toString(),
                        messages.getMessage("record.tandem-change." + r.kind(), new Object[] {names.get(r.staffId()),
                                messages.getMessage("handover.reason." + r.reason(), null, language)}, language)))
                .toList();
        return List.of(new ClientRecordSection("tandem-changes",
                messages.getMessage("record.tandem-changes", null, language), items));
    }
}
