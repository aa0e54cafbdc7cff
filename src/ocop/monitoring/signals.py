"""Signals other apps listen to (the API's webhooks will send an "inspection outcome" event from this one)."""

from django.dispatch import Signal

# Sent after an inspection's outcome is recorded (compliant, remedy required, revocation proposed) or its remedy
# confirmed: sender is the Inspection class, `inspection` the record as saved, `outcome` its outcome.
inspection_decided = Signal()
