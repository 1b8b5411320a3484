/**
 * The disclosure gate: the only way data about a client leaves the organisation (R7-R10, R17, R19).
 * Shares to social services under a consent, case-conference minutes, danger-in-default alerts to a
 * security partner, the client's own report and export. Every request, granted or refused, is
 * audited with who, what, to whom and why; what went out is kept, encrypted, until the client is
 * erased. {@code OutboundChannelsTest} proves no other module reaches an outbound channel.
 *
 * <p>Inside, one sub-package per way out ({@code internal.share}, {@code internal.conference},
 * {@code internal.alert}, {@code internal.client}); {@code internal} itself holds the record every
 * way out writes ({@code DisclosureLog}).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Disclosure",
        allowedDependencies = { "accounts", "audit", "cases", "cases::client-record", "cases::erasure", "consent", "keys", "network", "platform", "programme", "quality", "safety" })
package org.exitwork.disclosure;
