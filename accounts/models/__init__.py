from accounts.models.enterprise import Delegate, Enterprise, EnterpriseRole
from accounts.models.imports import ImportJob, ImportJobStatus
from accounts.models.partner import ApiKey, ApiKeyScope, Partner
from accounts.models.registration import Evidence, Registration, RegistrationStatus
from accounts.models.user import User

__all__ = [
    "ApiKey",
    "ApiKeyScope",
    "Partner",
    "Delegate",
    "Enterprise",
    "EnterpriseRole",
    "Evidence",
    "ImportJob",
    "ImportJobStatus",
    "Registration",
    "RegistrationStatus",
    "User",
]
