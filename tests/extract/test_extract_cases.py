"""Worked cases for each finding: the wording real authors and journalists use."""

from __future__ import annotations

import pytest

from appraise.extract import analyse
from appraise.ingest import article_from_text


def findings(text: str) -> dict:
    return analyse(article_from_text(text)).to_json()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("In total, 134 women were randomized, 69 to metformin and 65 to placebo.", 134),
        ("We randomly assigned 1,204 adults to vitamin D or placebo.", 1204),
        ("A study of twenty-four patients with gout was carried out.", 24),
        ("Patients were allocated to drug A (n = 20) or drug B (n = 21).", 41),
        ("Of 600 women approached, 530 completed the questionnaire survey.", 530),
        ("The trial involved a dozen adults with retinitis pigmentosa.", 12),
    ],
)
def test_sample_size(text: str, expected: int) -> None:
    assert findings(text)["sample_size"]["value"] == expected


def test_sample_size_ignores_previous_studies() -> None:
    text = (
        "We enrolled 48 patients with asthma. A previous study of 3,000 adults found no effect. "
        "Twelve patients (25%) had an exacerbation."
    )
    assert findings(text)["sample_size"]["value"] == 48


def test_sample_size_blank_when_the_text_gives_none() -> None:
    result = findings("Researchers tested a new inhaler and found it eased symptoms.")
    assert result["sample_size"]["value"] is None
    assert result["sample_size"]["rationale"]


@pytest.mark.parametrize(
    ("text", "design"),
    [
        ("This double-blind, randomised, placebo-controlled trial enrolled 90 adults.", "rct"),
        ("In this cluster-randomised trial, 24 schools were allocated to the programme.", "rct"),
        ("We conducted a retrospective cohort study of 5,000 veterans.", "cohort"),
        ("This case-control study compared 200 cases with 400 matched controls.", "case-control"),
        ("This was a cross-sectional survey of 1,000 nurses.", "cross-sectional"),
        ("We report a case of a 54-year-old man with lupus.", "case-report"),
        ("We performed a systematic review and meta-analysis of 12 trials.", "systematic-review"),
        (
            "In this non-randomised controlled study, 60 patients chose surgery or physiotherapy.",
            "non-randomised-controlled",
        ),
    ],
)
def test_design(text: str, design: str) -> None:
    assert findings(text)["design"]["value"] == design


def test_design_unknown_is_null_with_a_reason() -> None:
    result = findings("Coffee may be good for you, according to experts.")
    assert result["design"]["value"] is None
    assert result["design"]["rationale"]


@pytest.mark.parametrize(
    ("text", "present", "kind"),
    [
        ("Adults were randomised to the drug or a matching placebo for 12 weeks.", True, "placebo"),
        ("Practices were randomised to the programme or usual care.", True, "usual-care"),
        ("Participants were randomised to therapy or a wait-list control.", True, "no-treatment"),
        (
            "Women were randomly assigned to wear the cooling cap or to receive no scalp cooling.",
            True,
            "no-treatment",
        ),
        (
            "Children were randomized to 5 days of amoxicillin followed by 5 days of matching "
            "placebo, or to 10 days of amoxicillin, in this double-blind noninferiority trial.",
            True,
            "active",
        ),
        (
            "In this randomised trial, patients took drug A or drug B in a double-dummy design.",
            True,
            "active",
        ),
        (
            "Clinics were randomly assigned; half the patients got the new package and half "
            "received treatment as usual.",
            True,
            "usual-care",
        ),
        (
            "In this non-randomised controlled trial, mothers in the comparison area received "
            "standard health-facility care.",
            True,
            "usual-care",
        ),
        ("A single-arm phase 2 trial treated 30 patients with the new drug.", False, "none"),
        (
            "We compared outcomes with historical controls treated before 2010 in a single-arm "
            "study of 40 patients.",
            False,
            "none",
        ),
    ],
)
def test_control(text: str, present: bool, kind: str) -> None:
    control = findings(text)["control"]
    assert (control["present"], control["kind"]) == (present, kind)


def test_before_after_in_the_same_patients_is_no_control() -> None:
    text = (
        "All 25 patients received the drug; pain scores were compared before and after treatment."
    )
    control = findings(text)["control"]
    assert control["present"] is False
    assert "before/after" in control["rationale"]


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("Patients were followed up for 18 months.", 18 * 30.44),
        ("The median follow-up was 3.2 years.", 3.2 * 365.25),
        ("Outcomes were assessed at 12 weeks.", 84),
        ("In this 6-year follow-up study of 200 adults, outcomes were recorded.", 6 * 365.25),
        ("Participants were followed for 6 to 18 months.", 18 * 30.44),
    ],
)
def test_follow_up(text: str, days: float) -> None:
    assert findings(text)["follow_up"]["days"] == pytest.approx(days, rel=0.01)


def test_follow_up_is_not_age_or_recruitment() -> None:
    text = (
        "We recruited 300 adults aged 40 to 65 years between 2010 and 2014 over 4 years. "
        "They had had diabetes for at least 5 years."
    )
    assert findings(text)["follow_up"]["days"] is None


def test_safety_only_and_future_efficacy_sentence() -> None:
    text = (
        "We studied the safety of the new gel in 20 adults. No serious adverse events occurred. "
        "Future studies should evaluate its efficacy."
    )
    efficacy = findings(text)["efficacy"]
    assert efficacy["safety_only"] is True
    assert efficacy["reported"] is False


def test_primary_endpoint_named() -> None:
    text = "We randomised 200 adults. The primary outcome was the change in HbA1c at 6 months."
    efficacy = findings(text)["efficacy"]
    assert efficacy["reported"] is True
    assert efficacy["primary_endpoint"].startswith("the change in HbA1c")


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            "A total of 120 patients were randomised: 62 to surgery and 56 to physiotherapy.",
            "arm-sum",
        ),
        ("Responses were seen in 12/48 (35%) of patients.", "percentage"),
        ("Patients were evaluated after treatment and again 6 years earlier.", "temporal"),
        (
            "Children were enrolled from September 2021 to August 2022 and randomly allocated. "
            "Children were followed for 24 months, and the final follow-up examination took "
            "place in December 2023.",
            "temporal",
        ),
        (
            "Ninety patients were randomized to TXA (n = 45) or placebo (n = 45). Data from 47 "
            "patients in the TXA group and 45 in the placebo group were analyzed.",
            "analysed-exceeds-enrolled",
        ),
        (
            "The trial involved 174 women who were randomly assigned to the cap or to no cooling. "
            "Among the 212 women in the study, those who kept their hair felt better.",
            "restated-quantity",
        ),
    ],
)
def test_inconsistencies_found(text: str, kind: str) -> None:
    assert kind in [i["kind"] for i in findings(text)["inconsistencies"]]


@pytest.mark.parametrize(
    "text",
    [
        "A total of 120 patients were randomised: 62 to surgery and 58 to physiotherapy.",
        "Responses were seen in 12/48 (25%) of patients.",
        "Responses were seen in 54/203 (26%) of patients.",  # truncated, not wrong
        "Patients were evaluated after treatment and again 6 years later.",
        "Of the 120 randomised, 2 withdrew, so 62 and 56 were analysed.",
        "Children were enrolled from September 2021 to August 2022 and randomly allocated. "
        "Children were followed for 24 months, and the final follow-up examination took "
        "place in August 2024.",
        "Ninety patients were randomized to TXA (n = 45) or placebo (n = 45). Data from 43 "
        "patients in the TXA group and 44 in the placebo group were analyzed.",
        "The trial involved 174 women who were randomly assigned to the cap or to no cooling. "
        "Among the 174 women in the study, those who kept their hair felt better.",
    ],
)
def test_consistent_twins_raise_nothing(text: str) -> None:
    assert findings(text)["inconsistencies"] == []


@pytest.mark.parametrize(
    "text",
    [
        # A drug linked to more of a complication, never less: a harm question.
        "We conducted a retrospective cohort study of 52,110 adults on dialysis using a registry "
        "linked to prescription claims. PPI use was associated with a higher risk of hip fracture "
        "(adjusted HR 1.19).",
        # A case report of an adverse reaction; "high-sensitivity" is not diagnostic accuracy.
        "We describe a 71-year-old man who developed myocarditis, an immune-related adverse "
        "event, after immunotherapy. "
        "High-sensitivity troponin T was 1,240 ng/L. Immunotherapy was stopped.",
        # Product approvals come from earlier trials; "whether" names what was not shown.
        "The trial of 48 volunteers found no serious side effects. It was not designed to show "
        "whether the vaccine prevents infection. Two vaccines were approved in 2023 after trials "
        "showed they reduced lung disease by 80 percent.",
    ],
)
def test_safety_only_harm_questions(text: str) -> None:
    efficacy = findings(text)["efficacy"]
    assert (efficacy["safety_only"], efficacy["reported"]) == (True, False)


@pytest.mark.parametrize(
    "text",
    [
        # The same kind of cohort where the drug is linked to less of the outcome.
        "We conducted a retrospective cohort study of 40,000 adults. Aspirin use was associated "
        "with a lower risk of liver cancer (adjusted HR 0.71), with a higher risk of bleeding.",
        "In this cross-sectional survey of 6,873 adults aged 65 or over, participants who met "
        "activity recommendations were compared with those who did not; active adults were "
        "half as likely to report depressive symptoms (prevalence ratio 0.55).",
    ],
)
def test_benefit_questions_stay_efficacy(text: str) -> None:
    efficacy = findings(text)["efficacy"]
    assert (efficacy["safety_only"], efficacy["reported"]) == (False, True)


def test_prevalence_survey_has_no_control_and_no_efficacy() -> None:
    text = (
        "We conducted a cross-sectional survey of hospital physicians. We aimed to estimate the "
        "prevalence of burnout and to identify factors associated with it. In total, 1,204 "
        "physicians responded (response rate 39.5%). Burnout was associated with night shifts "
        "(OR 1.62, 95% CI 1.21-2.17)."
    )
    result = findings(text)
    assert (result["control"]["present"], result["control"]["kind"]) == (False, "none")
    assert (result["efficacy"]["reported"], result["efficacy"]["safety_only"]) == (False, False)


def test_cohort_followed_as_one_group_has_no_control() -> None:
    text = (
        "Step count and recovery after cardiac surgery: a prospective cohort study. We followed "
        "120 patients for 3 months. Step count correlated with recovery (r = 0.41). Men took more "
        "steps than women (median 3,050 vs 2,240 per day)."
    )
    assert findings(text)["control"]["kind"] == "none"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Cases and controls in two sentences; "four controls" is the matching ratio.
        (
            "This population-based case-control study used national registries. Cases were all "
            "adults with a first diagnosis of glioma (n = 1,190). Each case was matched to four "
            "population controls (n = 4,760). Overall, 118 cases (9.9%) and 602 controls (12.6%) "
            "were statin users.",
            5950,
        ),
        (
            "PARTICIPANTS: 412 patients aged 60 or over with a tendon rupture (cases) and 1,648 "
            "controls matched on age and sex (four controls per case).",
            2060,
        ),
        # Two groups compared in one sentence; "who had" describes them, it is no outcome.
        (
            "Researchers compared 1,200 adults with hepatitis B who had been diagnosed with liver "
            "cancer with 4,800 adults with hepatitis B who did not have it.",
            6000,
        ),
        # "One in four" is a share; "or older" is not a group beside another.
        (
            "Nearly one in four students vaped. The survey questioned 14,296 students at 152 "
            "schools.",
            14296,
        ),
        ("Participants aged 65 years or older (N = 6,873) completed the questionnaire.", 6873),
        # A disease's reach, a price and a planned size are not the sample; pupils are people.
        (
            "Migraine affects roughly 39 million Americans. The trial included about 7,900 "
            "pupils at 62 schools. The scheme costs about £12 per child per year.",
            7900,
        ),
        ("Okafor was one of 1,206 patients who signed up for the study.", 1206),
        (
            "Seventeen patients were to be enrolled in the first stage. Between 2020 and 2021, "
            "47 patients were enrolled at 14 centres.",
            47,
        ),
        (
            "Healthy adults were enrolled in six sequential cohorts of eight participants. "
            "Forty-eight participants were randomised and dosed.",
            48,
        ),
        ("Of 1,340 women approached, 1,015 (75.7%) completed the survey.", 1015),
    ],
)
def test_sample_size_groups_and_shares(text: str, expected: int) -> None:
    assert findings(text)["sample_size"]["value"] == expected


def test_case_report_is_one_patient_not_the_prevalence() -> None:
    text = (
        "Woman's lupus goes into remission after cell therapy, doctors report in a case report.\n\n"
        "A 27-year-old woman has been free of symptoms for 18 months. About 1.5 million "
        "Americans have some form of lupus, according to the Lupus Foundation of America."
    )
    result = findings(text)
    assert result["design"]["value"] == "case-report"
    assert result["sample_size"]["value"] == 1


def test_other_studies_numbers_are_not_the_sample() -> None:
    text = (
        "Researchers at 12 hospitals randomly assigned patients to surgery or physiotherapy. "
        "A 2013 Finnish trial of 146 patients found the operation was no better."
    )
    assert findings(text)["sample_size"]["value"] is None


@pytest.mark.parametrize(
    "text",
    [
        "Home monitoring was defined as use of a blood pressure monitor at least once a month.",
        "Children with loose stools for less than 7 days were eligible if a stool was taken.",
        "The cap is worn for about half an hour before each infusion and for up to an hour and a "
        "half afterward.",
        "We randomised 60 adults. A larger study of the course, published last year, found "
        "benefits that faded after six months.",
    ],
)
def test_not_a_follow_up(text: str) -> None:
    assert findings(text)["follow_up"]["days"] is None


def test_total_study_duration_per_participant_is_the_follow_up() -> None:
    text = (
        "Adolescents were randomly assigned to the order of two 4-week periods, separated by a "
        "2-week washout; the total study duration for each participant was 10 weeks."
    )
    assert findings(text)["follow_up"]["days"] == pytest.approx(70)


@pytest.mark.parametrize(
    ("text", "design"),
    [
        (
            "We investigated oral etoricoxib for seven days in a prospective two-stage study "
            "design for phase-2 clinical trials in a small sample of patients (n = 42).",
            "single-arm",
        ),
        (
            "We retrospectively reviewed the records of all adults with brain injury who "
            "underwent tracheostomy. Of 318 patients, 127 underwent early and 191 late "
            "tracheostomy. Pneumonia occurred in 22.8% in the early group versus 37.2% in the "
            "late group.",
            "cohort",
        ),
        (
            "Totally 59 patients underwent laser ablation. Patients were divided into 2 groups by "
            "the site of access (n = 33 and n = 26).",
            "cohort",
        ),
        (
            "Researchers looked at 3.8 million pregnant women nationwide and found that those "
            "taking antidepressants were not at increased risk.",
            "cohort",
        ),
    ],
)
def test_design_without_its_name(text: str, design: str) -> None:
    assert findings(text)["design"]["value"] == design


def test_treatment_length_alone_is_not_follow_up() -> None:
    text = (
        "We randomised 169 patients to bismuth quadruple rescue therapy given over a 1-week or a "
        "2-week period. Eradication rates were 83.5% and 87.7%."
    )
    follow_up = findings(text)["follow_up"]
    assert follow_up["days"] is None
    assert follow_up["treatment_days"] == pytest.approx(14)
    assert "treatment" in follow_up["rationale"]


def test_news_cluster_trial_by_lottery_with_usual_lessons() -> None:
    text = (
        "The study included about 7,900 pupils at 62 primary schools. Half of the schools were "
        "assigned by lottery to start daily supervised brushing; the rest carried on as usual."
    )
    result = findings(text)
    assert result["design"]["value"] == "rct"
    assert result["control"]["kind"] == "usual-care"


def test_news_case_control_without_its_name() -> None:
    text = (
        "Researchers compared 1,870 women aged 35 to 74 who had been diagnosed with ovarian "
        "cancer with 3,740 women of similar ages who did not have the disease."
    )
    result = findings(text)
    assert result["design"]["value"] == "case-control"
    assert result["sample_size"]["value"] == 5610


def test_share_after_the_people_counted_is_checked() -> None:
    wrong = findings("Review occurred in 14 of 126 children (16.1%) in the steroid group.")
    right = findings("Review occurred in 14 of 126 children (11.1%) in the steroid group.")
    assert [i["kind"] for i in wrong["inconsistencies"]] == ["percentage"]
    assert right["inconsistencies"] == []


@pytest.mark.parametrize(
    "closing", ["in the study", "studied", "randomized", "who took part", "INCLUDED"]
)
def test_sample_restated_with_another_size(closing: str) -> None:
    text = (
        "We randomised 120 adults to drug or placebo. "
        f"Among the 150 adults {closing}, pain fell by a third."
    )
    found = analyse(article_from_text(text)).to_json()["inconsistencies"]
    assert [i["kind"] for i in found] == ["restated-quantity"], found


@pytest.mark.parametrize(
    ("text", "days"),
    [
        (
            "Schools were assigned by lottery. Over the following 18 months, children in the "
            "brushing schools developed fewer cavities.",
            18 * 30.4375,
        ),
        ("Patients were randomised. The researchers tracked all the patients for a year.", 365.25),
        (
            "Of those pain free, most stayed that way 48 hours later. Trials will show "
            "whether the benefit holds over a year.",
            2.0,
        ),
    ],
)
def test_follow_up_wordings(text: str, days: float) -> None:
    assert findings(text)["follow_up"]["days"] == pytest.approx(days, rel=0.01)


def test_exposed_and_unexposed_survey_and_an_amount_less_per_day() -> None:
    text = (
        "In an online survey, 4,310 office workers answered questions. Among those with a "
        "sit-stand desk, 29 percent had back pain, compared with 37 percent of those with "
        "ordinary desks. Workers with adjustable desks reported sitting for about 50 minutes "
        "less per working day."
    )
    result = findings(text)
    assert (result["control"]["present"], result["control"]["kind"]) == (True, "observational")
    assert result["follow_up"]["days"] is None


def test_tumour_responses_in_a_single_arm_trial_are_efficacy() -> None:
    text = (
        "In a phase 2 study, 68 patients took the pill. Tumours shrank by at least 30 percent in "
        "39 of them. The most common side effects were diarrhoea and rash."
    )
    efficacy = findings(text)["efficacy"]
    assert (efficacy["reported"], efficacy["safety_only"]) == (True, False)


def test_new_users_of_a_drug_with_more_harm_is_safety_only() -> None:
    text = (
        "We compared children initiating montelukast with those initiating inhaled steroids in "
        "a cohort study. Montelukast initiation was associated with a modestly increased risk "
        "of neuropsychiatric events (hazard ratio 1.21)."
    )
    efficacy = findings(text)["efficacy"]
    assert (efficacy["reported"], efficacy["safety_only"]) == (False, True)


@pytest.mark.parametrize(
    ("text", "design"),
    [
        ("Schools were assigned by a computerised draw to the programme or to carry on.", "rct"),
        ("By the flip of a computerized coin, some got a place in the class right away.", "rct"),
        ("Each powder was taken for six weeks and the order was decided at random.", "rct"),
        (
            "A review published this winter pulled together 14 randomized trials of honey for "
            "coughs.",
            "systematic-review",
        ),
        (
            "The researchers found 1,470 people hospitalized with pneumonia. Each was matched "
            "with four people of the same age who were not hospitalized.",
            "case-control",
        ),
        (
            "Patients weren't randomly assigned; the program was available at one hospital and "
            "not the others, and 389 patients at the other hospitals were compared.",
            "non-randomised-controlled",
        ),
    ],
)
def test_design_in_news_wording(text: str, design: str) -> None:
    assert findings(text)["design"]["value"] == design


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            "By random allocation, 320 babies were assigned to a daily cream and 320 to standard "
            "advice on skin care.",
            "usual-care",
        ),
        (
            "Women were randomly assigned to a minoxidil tablet or to minoxidil solution; each "
            "also used a dummy version of the other product.",
            "active",
        ),
    ],
)
def test_control_kind_in_news_wording(text: str, kind: str) -> None:
    assert findings(text)["control"]["kind"] == kind


def test_share_given_as_or_n_percent_is_checked() -> None:
    wrong = findings(
        "By age one, 67 of the 320 babies in the cream group, or 27 percent, had eczema."
    )
    right = findings(
        "By age one, 67 of the 320 babies in the cream group, or 21 percent, had eczema."
    )
    assert [i["kind"] for i in wrong["inconsistencies"]] == ["percentage"]
    assert right["inconsistencies"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "In the study, 64 children took part. The university has more than 39,000 students "
            "from more than 140 countries.",
            64,
        ),
        (
            "Forty-six children were treated. Of the 12 children whose fissures did not heal, 7 "
            "had a second injection.",
            46,
        ),
    ],
)
def test_sample_is_the_first_of_equals_and_not_a_subgroup(text: str, expected: int) -> None:
    assert findings(text)["sample_size"]["value"] == expected


@pytest.mark.parametrize(
    ("text", "days"),
    [
        (
            "Schools were randomised. Over the nine months that pupils were followed, absences "
            "fell.",
            9 * 30.4375,
        ),
        (
            "Babies were randomised. But two years on, when the researchers checked again, the gap "
            "had gone.",
            2 * 365.25,
        ),
    ],
)
def test_follow_up_over_the_and_years_on(text: str, days: float) -> None:
    assert findings(text)["follow_up"]["days"] == pytest.approx(days, rel=0.01)


def test_news_drug_harm_without_the_word_associated() -> None:
    text = (
        "Researchers followed 850,000 children. Kids who got a proton pump inhibitor as babies "
        "were 22 percent more likely to break a bone during childhood than kids who did not."
    )
    efficacy = findings(text)["efficacy"]
    assert (efficacy["reported"], efficacy["safety_only"]) == (False, True)


def test_gains_in_a_single_arm_feasibility_study_are_efficacy() -> None:
    text = (
        "Thirty patients were enrolled in a single-arm feasibility study of training. Quadriceps "
        "strength increased by a mean of 24% from baseline. Transient numbness was reported in "
        "9 patients as an adverse event."
    )
    efficacy = findings(text)["efficacy"]
    assert (efficacy["reported"], efficacy["safety_only"]) == (True, False)


@pytest.mark.parametrize(
    "text",
    [
        "She was admitted after her third bout of heart failure in two years. We randomised "
        "1,206 patients.",
        "Children outdoors for two hours or more on a typical day were less often short-sighted.",
        "Specialists suggest aiming for around two hours outdoors a day.",
    ],
)
def test_history_and_daily_amounts_are_not_follow_up(text: str) -> None:
    assert findings(text)["follow_up"]["days"] is None
