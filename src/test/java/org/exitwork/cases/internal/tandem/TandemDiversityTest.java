package org.exitwork.cases.internal.tandem;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.exitwork.accounts.StaffProfile.Background;
import org.exitwork.accounts.StaffProfile.Gender;
import org.exitwork.accounts.StaffProfile;
import org.exitwork.cases.internal.tandem.TandemDiversity.Comparison;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** R2: how a tandem differs, computed from the two profiles and nothing else. */
class TandemDiversityTest {

    final UUID a = UUID.randomUUID();
    final UUID b = UUID.randomUUID();

    TandemDiversity of(StaffProfile pa, StaffProfile pb) {
        return TandemDiversity.of(List.of(a, b), Map.of(a, pa, b, pb));
    }

    StaffProfile profile(UUID id, Gender gender, Set<Background> backgrounds, String social, String languages) {
        return new StaffProfile(id, gender, backgrounds, social, languages);
    }

    @Test
    void aTandemThatDiffersInEverything() {
        TandemDiversity d = of(
                profile(a, Gender.WOMAN, Set.of(Background.SOCIAL_WORK), "working-class family", "German, Turkish"),
                profile(b, Gender.MAN, Set.of(Background.RELIGIOUS_MENTORING), "academic family", "German, Arabic"));
        assertThat(d.onePractitioner()).isFalse();
        assertThat(d.gender()).isEqualTo(Comparison.DIFFERENT);
        assertThat(d.background()).isEqualTo(Comparison.DIFFERENT);
        assertThat(d.socialBackground()).isEqualTo(Comparison.DIFFERENT);
        assertThat(d.languages()).isEqualTo(Comparison.DIFFERENT);
    }

    @Test
    void aTandemThatIsAlikeInEverything() {
        TandemDiversity d = of(
                profile(a, Gender.NON_BINARY, Set.of(Background.SOCIAL_WORK, Background.GANG_EXIT), "Rural  North",
                        "German, Turkish"),
                profile(b, Gender.NON_BINARY, Set.of(Background.GANG_EXIT, Background.SOCIAL_WORK), "rural north",
                        "turkish; german"));
        assertThat(d.gender()).isEqualTo(Comparison.SAME);
        assertThat(d.background()).isEqualTo(Comparison.SAME);
        assertThat(d.socialBackground()).as("case and spacing do not make a difference").isEqualTo(Comparison.SAME);
        assertThat(d.languages()).as("order and separators do not make a difference").isEqualTo(Comparison.SAME);
    }

    @Test
    void overlappingBackgroundsDifferWhenOneBringsSomethingTheOtherHasNot() {
        TandemDiversity d = of(
                profile(a, Gender.WOMAN, Set.of(Background.SOCIAL_WORK), null, null),
                profile(b, Gender.WOMAN, Set.of(Background.SOCIAL_WORK, Background.LIVED_EXPERIENCE), null, null));
        assertThat(d.background()).isEqualTo(Comparison.DIFFERENT);
        assertThat(d.gender()).isEqualTo(Comparison.SAME);
    }

    @Test
    void whatOneOfThemHasNotRecordedCannotBeCompared() {
        TandemDiversity d = of(
                profile(a, Gender.WOMAN, Set.of(Background.PSYCHOLOGY), "migrant family", "English"),
                profile(b, null, Set.of(), "  ", null));
        assertThat(d.gender()).isEqualTo(Comparison.NOT_RECORDED);
        assertThat(d.background()).isEqualTo(Comparison.NOT_RECORDED);
        assertThat(d.socialBackground()).as("blank is nothing").isEqualTo(Comparison.NOT_RECORDED);
        assertThat(d.languages()).isEqualTo(Comparison.NOT_RECORDED);
    }

    @Test
    void aMissingProfileCountsAsNothingRecorded() {
        TandemDiversity d = TandemDiversity.of(List.of(a, b),
                Map.of(a, profile(a, Gender.MAN, Set.of(Background.EDUCATION), "x", "y")));
        assertThat(List.of(d.gender(), d.background(), d.socialBackground(), d.languages()))
                .containsOnly(Comparison.NOT_RECORDED);
    }

    @Test
    void preferNotToSayIsRespectedNotAskedForAgain() {
        TandemDiversity d = of(profile(a, Gender.PREFER_NOT_TO_SAY, Set.of(), null, null),
                profile(b, Gender.WOMAN, Set.of(), null, null));
        assertThat(d.gender()).isEqualTo(Comparison.NOT_STATED);
        TandemDiversity both = of(profile(a, Gender.PREFER_NOT_TO_SAY, Set.of(), null, null),
                profile(b, Gender.PREFER_NOT_TO_SAY, Set.of(), null, null));
        assertThat(both.gender()).as("two who do not say are not 'the same'").isEqualTo(Comparison.NOT_STATED);
    }

    @Test
    void aTandemOfOneRunsWithOnePractitioner() {
        TandemDiversity d = TandemDiversity.of(List.of(a),
                Map.of(a, profile(a, Gender.WOMAN, Set.of(Background.CULT_EXIT), "x", "y")));
        assertThat(d.onePractitioner()).isTrue();
        assertThat(d.practitioners()).isEqualTo(1);
    }

    @Test
    void freeTextsBecomeSetsOfTerms() {
        assertThat(TandemDiversity.terms(" German ,  Turkish/ Kurdish ;")).containsExactlyInAnyOrder("german",
                "turkish", "kurdish");
        assertThat(TandemDiversity.terms(" , ; ")).isNull();
        assertThat(TandemDiversity.terms(null)).isNull();
    }
}
