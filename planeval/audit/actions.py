"""What the audit log records: the action and its outcome. Values are stored; labels are shown."""
from django.db import models


class Action(models.TextChoices):
    LOGIN = "login", "登录"
    LOGIN_FAILED = "login_failed", "登录失败"
    LOCKOUT = "lockout", "账户锁定"
    LOGOUT = "logout", "退出"
    SESSION_EXPIRED = "session_expired", "会话超时"
    PASSWORD_CHANGE = "password_change", "修改密码"
    PASSWORD_RESET = "password_reset", "重置密码"
    TOTP_ENABLE = "totp_enable", "启用双因素认证"
    TOTP_DISABLE = "totp_disable", "停用双因素认证"
    TOTP_FAILED = "totp_failed", "双因素认证失败"
    ACCESS_DENIED = "access_denied", "拒绝访问"
    VALUE_CHANGE = "value_change", "数据修改"
    TRANSITION = "transition", "流程流转"
    IMPORT = "import", "数据导入"
    EXPORT = "export", "数据导出"
    ROLE_CHANGE = "role_change", "角色变更"
    USER_CHANGE = "user_change", "账户变更"
    SETTING_CHANGE = "setting_change", "设置变更"
    ADMIN_CHANGE = "admin_change", "后台修改"


class Outcome(models.TextChoices):
    SUCCESS = "success", "成功"
    FAILURE = "failure", "失败"
    DENIED = "denied", "拒绝"


# Security events: what a security administrator may read (docs/audit.md). Data changes, workflow,
# imports and exports are the audit administrator's alone.
SECURITY_ACTIONS = frozenset({
    Action.LOGIN, Action.LOGIN_FAILED, Action.LOCKOUT, Action.LOGOUT, Action.SESSION_EXPIRED,
    Action.PASSWORD_CHANGE, Action.PASSWORD_RESET, Action.TOTP_ENABLE, Action.TOTP_DISABLE,
    Action.TOTP_FAILED, Action.ACCESS_DENIED, Action.ROLE_CHANGE, Action.USER_CHANGE,
})


# Changes to plan data, reports, workflow or settings: what the dashboards' figures are computed
# from. A new such event tells planeval.dashboards.cache that cached figures may be stale.
DATA_ACTIONS = frozenset({
    Action.VALUE_CHANGE, Action.TRANSITION, Action.IMPORT, Action.SETTING_CHANGE, Action.ADMIN_CHANGE,
})
