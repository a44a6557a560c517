namespace KeyBox.Application.Common.Security;

/// <summary>
/// Marks a command or query that only an ADMIN (or the system itself) may send: server-wide settings, accounts, and
/// anything else that is not one owner's data. <see cref="Behaviours.AuthorizationBehaviour{TMessage, TResponse}"/>
/// refuses it for anybody else with <c>FORBIDDEN</c>, whatever surface sent it (HTTP today, a console later) and
/// whatever credential (bearer token or an API key, which acts with its owner's current role).
/// </summary>
public interface IAdminOnly;
