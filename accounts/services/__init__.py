"""Writes on enterprises, delegates and registrations: the vetting workflow.

Each service is one transaction and leaves an audit entry; it takes the new values
and works out the change itself. Domain refusals raise `DomainError` with a message
fit to show the user (and `fields` when particular values are at fault).

- enterprises: create_enterprise, update_enterprise, save_delegate, remove_delegate(s),
  delete_enterprise (and the pure deletion_blockers)
- changes: the pure diff, and vetted_changes for doors that warn before a change
- registrations: submit, approve / reject / waitlist / withdraw, reopening after a vetted
  change, update_registration_settings, update_rules
- users: staff and company accounts
"""

from accounts.services.changes import (
    DELEGATE_FIELDS,
    ENTERPRISE_FIELDS,
    VETTED_DELEGATE_FIELDS,
    VETTED_ENTERPRISE_FIELDS,
    EnterpriseDiff,
    diff_enterprise,
    vetted_changes,
)
from accounts.services.enterprises import (
    EnterpriseChange,
    create_enterprise,
    delete_enterprise,
    deletion_blockers,
    remove_delegate,
    remove_delegates,
    save_delegate,
    unique_slug,
    update_enterprise,
)
from accounts.services.registrations import (
    SETTINGS_FIELDS,
    add_evidence,
    approve_registration,
    evaluate_registration,
    reevaluate_conference,
    registration_settings_errors,
    reject_registration,
    reopenable_registrations,
    request_information,
    resubmit_registration,
    submit_registration,
    update_registration_settings,
    update_rules,
    waitlist_registration,
    withdraw_registration,
)
from accounts.services.users import create_company_user, create_staff_user, set_user_language

__all__ = [
    "DELEGATE_FIELDS", "ENTERPRISE_FIELDS", "SETTINGS_FIELDS", "VETTED_DELEGATE_FIELDS",
    "VETTED_ENTERPRISE_FIELDS", "EnterpriseChange", "EnterpriseDiff", "add_evidence",
    "approve_registration",
    "create_company_user", "create_enterprise", "create_staff_user", "delete_enterprise",
    "deletion_blockers", "diff_enterprise", "evaluate_registration", "reevaluate_conference",
    "registration_settings_errors", "reject_registration", "remove_delegate",
    "remove_delegates", "reopenable_registrations", "request_information",
    "resubmit_registration", "save_delegate", "set_user_language",
    "submit_registration", "unique_slug", "update_enterprise", "update_registration_settings",
    "update_rules", "vetted_changes", "waitlist_registration", "withdraw_registration",
]
