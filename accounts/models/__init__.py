from accounts.models.enterprise import Delegate, Enterprise, EnterpriseRole
from accounts.models.registration import Evidence, Registration, RegistrationStatus
from accounts.models.user import User

__all__ = [
    "Delegate",
    "Enterprise",
    "EnterpriseRole",
    "Evidence",
    "Registration",
    "RegistrationStatus",
    "User",
]
