"""The product's portal data in its plainest form: companies, delegates, registrations,
slots, tables, accepted requests and meetings, a seat per company per slot."""
# ruff: noqa: DJ008 -- reference rows, never shown by name (no admin, no forms)

from django.conf import settings
from django.db import models


class Field(models.Model):
    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=100)


class Company(models.Model):
    legal_name = models.CharField(max_length=200, unique=True)
    name_zh = models.CharField(max_length=200, blank=True)
    slug = models.SlugField(max_length=80, unique=True)
    country = models.CharField(max_length=2)
    province = models.CharField(max_length=100, blank=True)
    city = models.CharField(max_length=100, blank=True)
    role = models.CharField(max_length=10)
    fields = models.ManyToManyField(Field, blank=True)
    description = models.TextField(blank=True)
    offers = models.TextField(blank=True)
    needs = models.TextField(blank=True)
    employees = models.PositiveIntegerField(null=True, blank=True)
    website = models.URLField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return self.legal_name


class Delegate(models.Model):
    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="delegates")
    full_name = models.CharField(max_length=200)
    title = models.CharField(max_length=200, blank=True)
    email = models.EmailField()
    phone = models.CharField(max_length=50, blank=True)
    languages = models.CharField(max_length=100, blank=True)


class Registration(models.Model):
    company = models.ForeignKey(Company, on_delete=models.CASCADE)
    status = models.CharField(max_length=20)


class Member(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    company = models.ForeignKey(Company, on_delete=models.CASCADE)


class Slot(models.Model):
    start = models.DateTimeField()
    end = models.DateTimeField()


class Table(models.Model):
    number = models.PositiveIntegerField()


class MeetingRequest(models.Model):
    sender = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="+")
    recipient = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="+")
    purpose = models.CharField(max_length=40)
    status = models.CharField(max_length=20)

    def counterpart_of(self, company_id):
        return self.recipient if self.sender_id == company_id else self.sender


class Meeting(models.Model):
    request = models.ForeignKey(MeetingRequest, on_delete=models.CASCADE)
    slot = models.ForeignKey(Slot, on_delete=models.PROTECT)
    table = models.ForeignKey(Table, null=True, on_delete=models.PROTECT)
    status = models.CharField(max_length=20, default="scheduled")
    cancelled_reason = models.CharField(max_length=500, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(
            fields=["slot", "table"], condition=models.Q(status="scheduled"),
            name="bare_one_meeting_per_table")]


class SlotBooking(models.Model):
    """The guard: a company sits in one meeting per slot."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="bookings")
    company = models.ForeignKey(Company, on_delete=models.CASCADE)
    slot = models.ForeignKey(Slot, on_delete=models.CASCADE)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["company", "slot"],
                                               name="bare_one_seat_per_slot")]
