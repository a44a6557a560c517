using System.Net;
using KeyBox.Domain.Common;
using KeyBox.Domain.Products;

namespace KeyBox.Domain.Licenses;

public enum LicenseType
{
    Perpetual,
    Subscription,
    Trial,
}

/// <summary>The derived state of a license (CONTRACTS.md wording; the KeyBox API calls blocked <c>revoked</c>).</summary>
public enum LicenseStatus
{
    Pending,
    Active,
    Expired,
    Blocked,
    Invalid,
}

/// <summary>
/// A license for one product, held by a customer. It owns its activations, so the seat limit
/// (<see cref="ParallelUses"/>) is an invariant of this aggregate; the repository loads it under a row lock
/// when activating, so the limit also holds across concurrent requests and server processes.
/// </summary>
public sealed class License : Entity, IAggregateRoot
{
    public const int EmailMaxLength = 320;
    public const int MaxParallelUses = 100_000;
    public const int MaxDurationMonths = 1200;
    public const int MaxListEntries = 100;

    private readonly List<Activation> _activations = [];
    private List<string> _domains = [];
    private List<string> _ips = [];
    private List<string> _services = [];

    private License()
    {
        LicenseCode = string.Empty;
    }

    private License(Guid ownerId, Guid productId, string licenseCode, DateTimeOffset now)
    {
        OwnerId = ownerId;
        ProductId = productId;
        LicenseCode = Licenses.LicenseCode.Validate(licenseCode);
        CreatedAt = now;
        UpdatedAt = now;
    }

    public Guid OwnerId { get; private set; }

    public Guid ProductId { get; private set; }

    public Guid? CustomerId { get; private set; }

    public string LicenseCode { get; private set; }

    public LicenseType Type { get; private set; }

    public string? Email { get; private set; }

    public int ParallelUses { get; private set; }

    /// <summary>When the license stops being usable; null = never (or, with <see cref="DurationMonths"/>, not yet activated).</summary>
    public DateTimeOffset? ExpiresAt { get; private set; }

    /// <summary>KeyBox-style duration: the expiry is set at the first activation and never moves afterwards.</summary>
    public int? DurationMonths { get; private set; }

    /// <summary>Updates released after this date are not covered; null = forever.</summary>
    public DateTimeOffset? UpdatesUntil { get; private set; }

    public IReadOnlyList<string> Domains => _domains;

    public IReadOnlyList<string> Ips => _ips;

    public IReadOnlyList<string> Services => _services;

    public bool IsValid { get; private set; }

    public bool IsBlocked { get; private set; }

    public bool IsEnvato { get; private set; }

    public DateTimeOffset? FirstActivatedAt { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>The activations loaded with the aggregate (the active ones, when loaded for activation).</summary>
    public IReadOnlyCollection<Activation> Activations => _activations.AsReadOnly();

    public int ActiveActivationCount => _activations.Count(a => a.IsActive);

    public static License Create(Guid ownerId, Guid productId, Guid? customerId, string? licenseCode, LicenseTerms terms, DateTimeOffset now)
    {
        var license = new License(ownerId, productId, licenseCode ?? Licenses.LicenseCode.Generate(), now)
        {
            CustomerId = customerId,
        };
        license.Apply(terms);
        license.Raise(new LicenseCreated(license.Id, now));
        return license;
    }

    public void Update(Guid? customerId, LicenseTerms terms, DateTimeOffset now)
    {
        CustomerId = customerId;
        Apply(terms);
        UpdatedAt = now;
    }

    public LicenseStatus StatusAt(DateTimeOffset now) => DeriveStatus(IsBlocked, IsValid, ExpiresAt, DurationMonths, FirstActivatedAt, now);

    /// <summary>The status rule, usable on projected rows too (list queries do not load aggregates).</summary>
    public static LicenseStatus DeriveStatus(bool isBlocked, bool isValid, DateTimeOffset? expiresAt, int? durationMonths, DateTimeOffset? firstActivatedAt, DateTimeOffset now)
    {
        if (isBlocked)
        {
            return LicenseStatus.Blocked;
        }

        if (!isValid)
        {
            return LicenseStatus.Invalid;
        }

        if (expiresAt is { } expiry && expiry <= now)
        {
            return LicenseStatus.Expired;
        }

        return durationMonths is not null && firstActivatedAt is null ? LicenseStatus.Pending : LicenseStatus.Active;
    }

    /// <summary>Throws the rule a caller at <paramref name="place"/> breaks, if any: the license must be usable there.</summary>
    public void EnsureUsable(Product product, ActivationPlace place, DateTimeOffset now)
    {
        if (UsabilityProblem(product, place, now) is { } problem)
        {
            throw problem;
        }
    }

    /// <summary>Throws when the license itself (regardless of place) is not usable.</summary>
    public void EnsureUsable(Product product, DateTimeOffset now)
    {
        if (UsabilityProblem(product, place: null, now) is { } problem)
        {
            throw problem;
        }
    }

    /// <summary>
    /// Whether the caller at <paramref name="place"/> holds a usable activation of this license, and if not, why
    /// (KeyBox's <c>/validate</c>). The activation is at the place when <see cref="Activation.IsAt"/> says so (same
    /// domain, same machine); on that machine it must be the caller's instance, unless either side names none.
    /// Needs the active activations loaded.
    /// </summary>
    public PlaceCheck CheckAt(Product product, ActivationPlace place, DateTimeOffset now)
    {
        if (UsabilityProblem(product, place, now) is { } problem)
        {
            var outcome = problem.Code switch
            {
                ErrorCodes.LicenseBlocked or ErrorCodes.LicenseInvalid => PlaceCheckOutcome.Revoked,
                ErrorCodes.LicenseExpired => PlaceCheckOutcome.Expired,
                _ => PlaceCheckOutcome.Invalid,
            };
            return new PlaceCheck(outcome, null, problem.Message);
        }

        if (StatusAt(now) == LicenseStatus.Pending)
        {
            return new PlaceCheck(PlaceCheckOutcome.Pending, null, "The license has not been activated yet.");
        }

        var onMachine = _activations.Where(a => a.IsActive && a.IsAt(place)).ToList();
        if (onMachine.Count == 0)
        {
            return place.MachineId is null
                ? new PlaceCheck(PlaceCheckOutcome.MachineRequired, null, "A machineId is required to validate this license.")
                : new PlaceCheck(PlaceCheckOutcome.MachineMismatch, null, "The license is not activated on this machine.");
        }

        var held = onMachine.FirstOrDefault(a => a.HoldsInstance(place.InstanceId));
        if (held is not null)
        {
            return new PlaceCheck(PlaceCheckOutcome.Active, held, "The license is valid.");
        }

        return place.InstanceId is null
            ? new PlaceCheck(PlaceCheckOutcome.InstanceRequired, null, "An instanceId is required: the license is activated on this machine for an instance.")
            : new PlaceCheck(PlaceCheckOutcome.InstanceMismatch, null, "The license is activated on this machine for another instance.");
    }

    private DomainException? UsabilityProblem(Product product, ActivationPlace? place, DateTimeOffset now)
    {
        if (product.Id != ProductId)
        {
            return new DomainException(ErrorCodes.LicenseNotFound, "The license does not belong to this product.");
        }

        if (!product.IsActive)
        {
            return new DomainException(ErrorCodes.ProductInactive, "This product is not active.");
        }

        switch (StatusAt(now))
        {
            case LicenseStatus.Blocked:
                return new DomainException(ErrorCodes.LicenseBlocked, "This license has been blocked.");
            case LicenseStatus.Invalid:
                return new DomainException(ErrorCodes.LicenseInvalid, "This license is not valid.");
            case LicenseStatus.Expired:
                return new DomainException(ErrorCodes.LicenseExpired, "This license has expired.");
        }

        if (place is null)
        {
            return null;
        }

        if (_domains.Count > 0 && (place.Domain is null || !_domains.Any(d => DomainPattern.Matches(d, place.Domain))))
        {
            return new DomainException(ErrorCodes.DomainNotAllowed, "This license may not be used on this domain.");
        }

        if (_ips.Count > 0 && (place.Ip is null || !IPAddress.TryParse(place.Ip, out var ip) || !_ips.Any(rule => IpRule.Matches(rule, ip))))
        {
            return new DomainException(ErrorCodes.IpNotAllowed, "This license may not be used from this IP address.");
        }

        return null;
    }

    /// <summary>
    /// Activates the license at a place. The same place again refreshes its activation (no new seat); a new place takes
    /// a free seat or is refused with ACTIVATION_LIMIT_REACHED. An activation that holds an instance is not taken over
    /// by another instance (or by a caller naming none) on its machine: INSTANCE_MISMATCH until it is released
    /// (deactivated); an activation that holds none is bound to the first instance named.
    /// </summary>
    public Activation Activate(Product product, ActivationPlace place, DateTimeOffset now)
    {
        EnsureUsable(product, place, now);
        var existing = _activations.FirstOrDefault(a => a.IsActive && a.IsAt(place));
        if (existing is not null)
        {
            if (!existing.HoldsInstance(place.InstanceId))
            {
                throw new DomainException(ErrorCodes.InstanceMismatch,
                    "This license is already active on this machine for another instance. Deactivate that instance first.");
            }

            existing.Refresh(place, now);
            Raise(new LicenseActivated(Id, existing.Id, now));
            return existing;
        }

        if (ActiveActivationCount >= ParallelUses)
        {
            throw new DomainException(ErrorCodes.ActivationLimitReached,
                $"This license is already active on {ParallelUses} place(s), its limit. Deactivate one first.");
        }

        var activation = new Activation(Id, place, now);
        _activations.Add(activation);
        StartClockOnFirstActivation(now);
        Raise(new LicenseActivated(Id, activation.Id, now));
        return activation;
    }

    /// <summary>Frees an activation's seat.</summary>
    public Activation Deactivate(Guid activationId, DateTimeOffset now)
    {
        var activation = FindActivation(activationId);
        if (activation.IsActive)
        {
            activation.Deactivate(now);
            UpdatedAt = now;
            Raise(new LicenseDeactivated(Id, activation.Id, now));
        }

        return activation;
    }

    /// <summary>Puts a deactivated activation back in use, if a seat is free (admin action).</summary>
    public Activation Reactivate(Guid activationId, Product product, DateTimeOffset now)
    {
        var activation = FindActivation(activationId);
        if (activation.IsActive)
        {
            return activation;
        }

        EnsureUsable(product, now);
        if (ActiveActivationCount >= ParallelUses)
        {
            throw new DomainException(ErrorCodes.ActivationLimitReached, $"This license is already active on {ParallelUses} place(s), its limit.");
        }

        activation.Reactivate(now);
        StartClockOnFirstActivation(now);
        Raise(new LicenseActivated(Id, activation.Id, now));
        return activation;
    }

    public void Block(DateTimeOffset now)
    {
        if (!IsBlocked)
        {
            IsBlocked = true;
            UpdatedAt = now;
            Raise(new LicenseBlocked(Id, now));
        }
    }

    public void Unblock(DateTimeOffset now)
    {
        if (IsBlocked)
        {
            IsBlocked = false;
            UpdatedAt = now;
            Raise(new LicenseUnblocked(Id, now));
        }
    }

    /// <summary>Whether this license entitles its holder to a version released at <paramref name="releasedAt"/>.</summary>
    public bool CoversUpdateReleasedAt(DateTimeOffset releasedAt) => UpdatesUntil is null || UpdatesUntil >= releasedAt;

    private Activation FindActivation(Guid activationId) =>
        _activations.FirstOrDefault(a => a.Id == activationId)
        ?? throw new DomainException(ErrorCodes.ActivationNotFound, "The activation was not found.");

    private void StartClockOnFirstActivation(DateTimeOffset now)
    {
        if (FirstActivatedAt is null)
        {
            FirstActivatedAt = now;
            if (DurationMonths is { } months && ExpiresAt is null)
            {
                ExpiresAt = now.AddMonths(months);
            }
        }

        UpdatedAt = now;
    }

    private void Apply(LicenseTerms terms)
    {
        if (terms.ParallelUses is < 1 or > MaxParallelUses)
        {
            throw Guard.Invalid("ParallelUses", $"The parallel uses must be between 1 and {MaxParallelUses}.");
        }

        if (terms.DurationMonths is { } months && (months < 1 || months > MaxDurationMonths))
        {
            throw Guard.Invalid("DurationMonths", $"The duration must be between 1 and {MaxDurationMonths} months.");
        }

        if (terms.DurationMonths is not null && terms.ExpiresAt is not null && FirstActivatedAt is null)
        {
            throw Guard.Invalid("DurationMonths", "Give either an expiry date or a duration, not both.");
        }

        Type = terms.Type;
        Email = Customers.Customer.NormalizeEmail(terms.Email);
        ParallelUses = terms.ParallelUses;
        // A duration license keeps the expiry its first activation set; changing the duration does not move it.
        if (terms.DurationMonths is null || FirstActivatedAt is null)
        {
            ExpiresAt = terms.ExpiresAt;
        }

        DurationMonths = terms.DurationMonths;
        UpdatesUntil = terms.UpdatesUntil;
        _domains = NormalizeList(terms.Domains, "Domains", DomainPattern.Validate);
        _ips = NormalizeList(terms.Ips, "Ips", IpRule.Validate);
        _services = NormalizeList(terms.Services, "Services", (s, field) => Guard.Required(s, field, 100));
        IsValid = terms.IsValid;
        IsEnvato = terms.IsEnvato;
    }

    private static List<string> NormalizeList(IReadOnlyList<string>? values, string field, Func<string, string, string> normalize)
    {
        if (values is null)
        {
            return [];
        }

        if (values.Count > MaxListEntries)
        {
            throw Guard.Invalid(field, $"At most {MaxListEntries} entries are allowed.");
        }

        return values.Select((v, i) => normalize(v, $"{field}[{i}]")).Distinct(StringComparer.Ordinal).ToList();
    }
}

/// <summary>What <see cref="License.CheckAt"/> found (the KeyBox <c>/validate</c> statuses, but <c>invalid</c> for an unknown key).</summary>
public enum PlaceCheckOutcome
{
    Active,
    Pending,
    Expired,
    Revoked,
    Invalid,
    MachineMismatch,
    InstanceMismatch,

    /// <summary>No activation is at a place that names no machine: the caller must present its machineId (<c>machine_mismatch</c>).</summary>
    MachineRequired,

    /// <summary>The machine's activation holds an instance and the caller named none (<c>instance_mismatch</c>).</summary>
    InstanceRequired,
}

/// <summary>The outcome of a place check; <see cref="Activation"/> is the caller's activation when <see cref="Outcome"/> is Active.</summary>
public sealed record PlaceCheck(PlaceCheckOutcome Outcome, Activation? Activation, string Message)
{
    public bool IsValid => Outcome == PlaceCheckOutcome.Active;
}

/// <summary>The vendor-chosen terms of a license.</summary>
public sealed record LicenseTerms(
    LicenseType Type = LicenseType.Perpetual,
    string? Email = null,
    int ParallelUses = 1,
    DateTimeOffset? ExpiresAt = null,
    int? DurationMonths = null,
    DateTimeOffset? UpdatesUntil = null,
    IReadOnlyList<string>? Domains = null,
    IReadOnlyList<string>? Ips = null,
    IReadOnlyList<string>? Services = null,
    bool IsValid = true,
    bool IsEnvato = false);
