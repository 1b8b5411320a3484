package org.exitwork.accounts;

import java.util.List;

/**
 * The organisation as the sender of what leaves it (GDPR Art. 13 and 15 name the controller and how
 * to reach it): its name, postal address, e-mail, telephone and data protection contact (the data
 * protection officer's address or e-mail). Any part but the name may still be missing (null) until a
 * manager fills it in at {@code /organisation}.
 */
public record OrganisationContact(String name, String address, String email, String telephone,
        String dataProtection) {

    public OrganisationContact {
        name = blankToNull(name);
        address = blankToNull(address);
        email = blankToNull(email);
        telephone = blankToNull(telephone);
        dataProtection = blankToNull(dataProtection);
    }

    /** Enough for a document to say who sent it and how to write back: the address and the e-mail. */
    public boolean hasAddressAndEmail() {
        return address != null && email != null;
    }

    /** The postal address as the lines it was entered in (for a letterhead); empty when none is given. */
    public List<String> addressLines() {
        return address == null ? List.of() : address.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    /** The data protection contact on one line (an address entered on several lines is joined by commas). */
    public String dataProtectionLine() {
        return dataProtection == null ? null
                : String.join(", ", dataProtection.lines().map(String::strip).filter(l -> !l.isEmpty()).toList());
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
