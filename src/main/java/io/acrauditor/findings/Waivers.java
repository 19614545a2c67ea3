package io.acrauditor.findings;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The waivers of a run, judged on one day: which finding each applies to, which have expired,
 * which are about to, and which matched nothing. When several waivers name a finding, the first
 * written that still applies wins (files in the order given, then file order).
 */
public final class Waivers {
  /** A waiver that expires within this many days is listed as expiring. */
  public static final int EXPIRING_WITHIN_DAYS = 14;

  private record Entry(Waiver waiver, Pattern subject) {}

  private final List<Entry> entries;
  private final LocalDate today;

  Waivers(List<Waiver> waivers, LocalDate today) {
    this.entries = waivers.stream()
        .map(w -> new Entry(w, w.subject() == null ? null : Waiver.glob(w.subject())))
        .toList();
    this.today = today;
  }

  public static Waivers none(LocalDate today) {
    return new Waivers(List.of(), today);
  }

  /** Waivers already read and checked (by {@link WaiverFiles}, or built by hand in tests). */
  public static Waivers of(List<Waiver> waivers, LocalDate today) {
    return new Waivers(List.copyOf(waivers), today);
  }

  public List<Waiver> all() {
    return entries.stream().map(Entry::waiver).toList();
  }

  public LocalDate today() {
    return today;
  }

  /** The waiver that takes {@code finding} out of the gate today, if any. */
  public Optional<Waiver> applying(Finding finding) {
    return entries.stream()
        .filter(e -> e.waiver().appliesOn(today) && matches(e, finding))
        .map(Entry::waiver)
        .findFirst();
  }

  /**
   * The waiver that used to cover {@code finding} and has expired, when no other applies: the
   * finding counts again, and the report says since when.
   */
  public Optional<Waiver> expiredFor(Finding finding) {
    if (applying(finding).isPresent()) {
      return Optional.empty();
    }
    return entries.stream()
        .filter(e -> !e.waiver().appliesOn(today) && matches(e, finding))
        .map(Entry::waiver)
        .max((a, b) -> a.expires().compareTo(b.expires()));
  }

  /** Waivers that still apply and match none of {@code findings}: nothing left to accept. */
  public List<Waiver> stale(Collection<Finding> findings) {
    Map<Waiver, Boolean> used = new IdentityHashMap<>();
    for (Finding f : findings) {
      for (Entry e : entries) {
        if (e.waiver().appliesOn(today) && matches(e, f)) {
          used.put(e.waiver(), true);
        }
      }
    }
    List<Waiver> stale = new ArrayList<>();
    for (Entry e : entries) {
      if (e.waiver().appliesOn(today) && !used.containsKey(e.waiver())) {
        stale.add(e.waiver());
      }
    }
    return stale;
  }

  /** Waivers that still apply and end within {@link #EXPIRING_WITHIN_DAYS} days. */
  public List<Waiver> expiring() {
    LocalDate horizon = today.plusDays(EXPIRING_WITHIN_DAYS);
    return entries.stream()
        .map(Entry::waiver)
        .filter(w -> w.appliesOn(today) && !w.expires().isAfter(horizon))
        .toList();
  }

  /** Rule ({@code *} for any), fingerprint and subject glob, each only when the waiver gives it. */
  private static boolean matches(Entry entry, Finding finding) {
    Waiver w = entry.waiver();
    if (!Waiver.ANY_RULE.equals(w.rule()) && !w.rule().equalsIgnoreCase(finding.ruleId())) {
      return false;
    }
    if (w.fingerprint() != null && !w.fingerprint().equalsIgnoreCase(finding.fingerprint())) {
      return false;
    }
    if (entry.subject() != null) {
      String resourceId = finding.subject() == null ? null : finding.subject().resourceId();
      return resourceId != null && entry.subject().matcher(Waiver.stripSlash(resourceId)).matches();
    }
    return true;
  }
}
