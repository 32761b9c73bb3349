# The outcome's "held" flag and "interest" become one result (issue 11), with a field, a
# follow-up date and the follow-up stage of the answer.

import django.db.models.deletion
from django.db import migrations, models

# Old interest -> new result, for meetings that took place.
RESULT_OF = {"none": "no_fit", "follow_up": "informative", "negotiating": "likely",
             "intent": "likely", "signed": "signed"}


def to_result(apps, schema_editor):
    MeetingOutcome = apps.get_model("matchmaking", "MeetingOutcome")
    for outcome in MeetingOutcome.objects.all():
        outcome.result = RESULT_OF.get(outcome.interest, "no_fit") if outcome.held else "not_held"
        if outcome.result not in ("likely", "signed"):
            outcome.intended_investment_usd = None
        outcome.save(update_fields=["result", "intended_investment_usd"])


def to_interest(apps, schema_editor):
    MeetingOutcome = apps.get_model("matchmaking", "MeetingOutcome")
    back = {"not_held": "none", "no_fit": "none", "informative": "follow_up",
            "likely": "intent", "signed": "signed"}
    for outcome in MeetingOutcome.objects.all():
        outcome.held = outcome.result != "not_held"
        outcome.interest = back[outcome.result]
        outcome.save(update_fields=["held", "interest"])


class Migration(migrations.Migration):

    dependencies = [
        ("events", "0002_conference_max_open_requests_conference_pairing_and_more"),
        ("matchmaking", "0003_meeting_cancelled_by_run_mode_replace"),
    ]

    operations = [
        migrations.AddField(
            model_name="meetingoutcome",
            name="result",
            field=models.CharField(choices=[("not_held", "Did not take place"), ("no_fit", "No fit"), ("informative", "Informative, no cooperation yet"), ("likely", "Cooperation likely"), ("signed", "Agreement signed")], default="no_fit", max_length=12, verbose_name="result"),
        ),
        migrations.RunPython(to_result, to_interest),
        migrations.RemoveField(model_name="meetingoutcome", name="held"),
        migrations.RemoveField(model_name="meetingoutcome", name="interest"),
        migrations.AddField(
            model_name="meetingoutcome",
            name="field",
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to="events.industryfield", verbose_name="field"),
        ),
        migrations.AddField(
            model_name="meetingoutcome",
            name="follow_up_on",
            field=models.DateField(blank=True, null=True, verbose_name="follow-up date"),
        ),
        migrations.AddField(
            model_name="meetingoutcome",
            name="stage",
            field=models.PositiveSmallIntegerField(choices=[(0, "After the meeting"), (3, "Follow-up at 3 months"), (6, "Follow-up at 6 months")], default=0, verbose_name="answered"),
        ),
        migrations.AlterField(
            model_name="meetingoutcome",
            name="intended_investment_usd",
            field=models.DecimalField(blank=True, decimal_places=0, max_digits=14, null=True, verbose_name="intended contract or investment value (USD)"),
        ),
    ]
