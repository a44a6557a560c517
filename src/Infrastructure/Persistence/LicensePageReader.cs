using System.Globalization;
using System.Text;
using KeyBox.Application.Licenses;
using KeyBox.Application.Licenses.Queries.ListLicenses;
using KeyBox.Domain.Licenses;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace KeyBox.Infrastructure.Persistence;

/// <summary>
/// The license listing and search, in SQL written here rather than translated from LINQ on every request (the
/// translation of the row projection was most of a list request's CPU). Each page is one statement with
/// positional parameters and its limits written in as numbers, so that Npgsql prepares it (Max Auto Prepare) and
/// PostgreSQL settles on a cached plan (a <c>LIMIT $n</c> makes it plan every execution). What a page is — its
/// order, groups and start — is decided in Application (<see cref="LicenseSearch"/>); this applies it.
/// The owner rule is the EF Core query filters' (<see cref="KeyBoxDbContext.OwnerScope"/>): no condition for an
/// actor who sees everything, otherwise <c>owner_id</c> = the actor's id on licenses, products and customers.
/// </summary>
internal sealed class LicensePageReader(KeyBoxDbContext db) : ILicensePageReader
{
    /// <summary>The columns of a <see cref="LicenseRow"/> (l: licenses, p: products, c: customers), read by <see cref="ReadRow"/> in this order.</summary>
    private const string RowColumns = """
        l.id, l.license_code, l.product_id, p.reference_id, l.customer_id, c.reference, l.type, l.email, l.parallel_uses,
        (SELECT count(*)::int FROM activations a WHERE a.license_id = l.id AND a.is_active),
        l.expires_at, l.duration_months, l.updates_until, l.domains, l.ips, l.services, l.is_valid, l.is_blocked, l.is_envato,
        l.first_activated_at, l.owner_id, l.created_at, l.updated_at
        """;

    /// <summary>The search order: group, then code or e-mail (ordinal), then customer (in its group only), then id.</summary>
    private static readonly string Order = $"h.grp, h.code COLLATE \"C\", h.email COLLATE \"C\", CASE WHEN h.grp = {SearchGroup.Customer} THEN h.customer_id END, h.id";

    // Ordinal (code point) comparison and order, as the prefix-search indexes are built.
    private const string Code = "l.license_code COLLATE \"C\"";
    private const string Email = "l.email COLLATE \"C\"";

    public async Task<IReadOnlyList<LicenseRow>> ListAsync(LicenseFilter filter, Guid? after, int skip, int take, CancellationToken cancellationToken)
    {
        var statement = new Statement(db.OwnerScope);
        var sql = new StringBuilder("SELECT ").Append(RowColumns).Append(" FROM licenses l").Append(RowJoins(statement)).Append(" WHERE TRUE").Append(Filter(statement, filter));
        if (after is { } id)
        {
            sql.Append(" AND l.id > ").Append(statement.Add(id));
        }

        sql.Append(" ORDER BY l.id").Append(Window(skip, take));
        return await ReadAsync(statement, sql.ToString(), reader => ReadRow(reader, 0), cancellationToken);
    }

    public async Task<IReadOnlyList<SearchResult>> SearchAsync(LicenseFilter filter, SearchWindow window, CancellationToken cancellationToken)
    {
        var statement = new Statement(db.OwnerScope);
        var where = Filter(statement, filter);
        var codeMatch = InRange(statement, Code, window.Code);
        var emailMatch = $"l.email IS NOT NULL AND {InRange(statement, Email, window.Email)}";
        var after = window.After;
        var afterGroup = after?.Group ?? 0;
        var perGroup = window.Skip + window.Take;

        // Each group: at most skip + take hits after the cursor, in the order of the index that finds them.
        // Every group carries the customer id (the order's key in the third group only).
        var groups = new List<string>();
        if (afterGroup <= SearchGroup.Code)
        {
            var cursor = after is { Group: SearchGroup.Code, Key: { } afterCode } ? $" AND {Code} > {statement.Add(afterCode)}" : string.Empty;
            groups.Add($"""
                (SELECT l.id, {SearchGroup.Code} AS grp, l.license_code::text AS code, NULL::text AS email, l.customer_id
                 FROM licenses l WHERE {codeMatch}{where}{cursor}
                 ORDER BY {Code}{Window(0, perGroup)})
                """);
        }

        if (afterGroup <= SearchGroup.Email)
        {
            var cursor = string.Empty;
            if (after is { Group: SearchGroup.Email, Key: { } afterEmail, Id: var afterId })
            {
                // The first condition bounds the index range; the second is the exact (email, id) > cursor.
                var key = statement.Add(afterEmail);
                cursor = $" AND {Email} >= {key} AND ({Email} > {key} OR (l.email = {key} AND l.id > {statement.Add(afterId)}))";
            }

            groups.Add($"""
                (SELECT l.id, {SearchGroup.Email} AS grp, NULL::text AS code, l.email::text AS email, l.customer_id
                 FROM licenses l WHERE {emailMatch} AND NOT ({codeMatch}){where}{cursor}
                 ORDER BY {Email}, l.id{Window(0, perGroup)})
                """);
        }

        {
            // The customers with that reference, then each one's licenses in (customer_id, id) index order.
            var cursor = string.Empty;
            var customersAfter = string.Empty;
            if (after is { Group: SearchGroup.Customer, CustomerId: { } afterCustomer, Id: var afterId })
            {
                var customer = statement.Add(afterCustomer);
                customersAfter = $" WHERE cu.id >= {customer}";
                cursor = $" AND (cu.id > {customer} OR l.id > {statement.Add(afterId)})";
            }

            groups.Add($"""
                (SELECT l.id, {SearchGroup.Customer} AS grp, NULL::text AS code, NULL::text AS email, l.customer_id
                 FROM ({Customers(statement, window.CustomerReference)}) cu
                 CROSS JOIN LATERAL (
                    SELECT l.id, l.customer_id FROM licenses l
                    WHERE l.customer_id = cu.id AND NOT ({codeMatch}) AND NOT ({emailMatch}){where}{cursor}
                    ORDER BY l.id{Window(0, perGroup)}) l{customersAfter}
                 ORDER BY l.customer_id, l.id{Window(0, perGroup)})
                """);
        }

        var sql = $"""
            WITH hits AS ({string.Join(" UNION ALL ", groups)})
            SELECT h.grp, h.code, h.email, h.customer_id, {RowColumns}
            FROM (SELECT * FROM hits h ORDER BY {Order}{Window(window.Skip, window.Take)}) h
            JOIN licenses l ON l.id = h.id{RowJoins(statement)}
            ORDER BY {Order}
            """;
        return await ReadAsync(
            statement,
            sql,
            reader => new SearchResult(reader.GetInt32(0), NullableString(reader, 1), NullableString(reader, 2), NullableGuid(reader, 3), ReadRow(reader, 4)),
            cancellationToken,
            genericPlan: true);
    }

    public async Task<SearchKeys?> SearchKeysAsync(LicenseFilter filter, Guid id, string customerReference, CancellationToken cancellationToken)
    {
        var statement = new Statement(db.OwnerScope);
        var sql = $"""
            SELECT l.license_code, l.email, l.customer_id,
                   EXISTS (SELECT 1 FROM ({Customers(statement, customerReference)}) cu WHERE cu.id = l.customer_id)
            FROM licenses l WHERE l.id = {statement.Add(id)}{Filter(statement, filter)}
            """;
        var keys = await ReadAsync(
            statement,
            sql,
            reader => new SearchKeys(reader.GetString(0), NullableString(reader, 1), NullableGuid(reader, 2), reader.GetBoolean(3)),
            cancellationToken);
        return keys.Count == 0 ? null : keys[0];
    }

    /// <summary>A license's product (which must be visible too) and customer (if visible).</summary>
    private static string RowJoins(Statement statement) =>
        $" JOIN products p ON p.id = l.product_id{statement.OwnedBy("p")} LEFT JOIN customers c ON c.id = l.customer_id{statement.OwnedBy("c")}";

    /// <summary>The listing's conditions on <c>l</c>, each starting with <c>AND</c>.</summary>
    private static string Filter(Statement statement, LicenseFilter filter)
    {
        var sql = new StringBuilder(statement.OwnedBy("l"));
        if (filter.ProductReferenceId is { } reference)
        {
            // Product references are unique: one product id, so (product_id, id) serves the page.
            sql.Append($" AND l.product_id = (SELECT fp.id FROM products fp WHERE fp.reference_id = {statement.Add(reference)}{statement.OwnedBy("fp")} LIMIT 1)");
        }

        if (filter.ProductId is { } productId)
        {
            sql.Append($" AND l.product_id = {statement.Add(productId)}");
        }

        if (filter.CustomerReference is { } customer)
        {
            sql.Append($" AND EXISTS (SELECT 1 FROM customers fc WHERE fc.id = l.customer_id AND fc.reference = {statement.Add(customer)}{statement.OwnedBy("fc")})");
        }

        if (filter.CustomerId is { } customerId)
        {
            sql.Append($" AND l.customer_id = {statement.Add(customerId)}");
        }

        if (filter.Status is { } status)
        {
            sql.Append(StatusCondition(statement, status, filter.At));
        }

        return sql.ToString();
    }

    /// <summary>
    /// <see cref="License.DeriveStatus"/> as conditions on <c>l</c>: blocked, else invalid, else expired (an expiry at
    /// or before <paramref name="at"/>), else pending (a duration not started), else active. No index serves them:
    /// they narrow the id-ordered scan, which stops at the page's end (a rare status reads further).
    /// </summary>
    private static string StatusCondition(Statement statement, LicenseStatus status, DateTimeOffset at)
    {
        const string usable = "NOT l.is_blocked AND l.is_valid";
        string NotExpired() => $"(l.expires_at IS NULL OR l.expires_at > {statement.Add(at)})";
        return status switch
        {
            LicenseStatus.Blocked => " AND l.is_blocked",
            LicenseStatus.Invalid => " AND NOT l.is_blocked AND NOT l.is_valid",
            LicenseStatus.Expired => $" AND {usable} AND l.expires_at <= {statement.Add(at)}",
            LicenseStatus.Pending => $" AND {usable} AND {NotExpired()} AND l.duration_months IS NOT NULL AND l.first_activated_at IS NULL",
            _ => $" AND {usable} AND {NotExpired()} AND (l.duration_months IS NULL OR l.first_activated_at IS NOT NULL)",
        };
    }

    private static string Customers(Statement statement, string reference) =>
        $"SELECT cu.id FROM customers cu WHERE cu.reference = {statement.Add(reference)}{statement.OwnedBy("cu")} ORDER BY cu.id LIMIT {SearchWindow.MaxCustomers}";

    private static string InRange(Statement statement, string column, OrdinalRange range) =>
        range.Upper is { } upper
            ? $"{column} >= {statement.Add(range.Lower)} AND {column} < {statement.Add(upper)}"
            : $"{column} >= {statement.Add(range.Lower)}";

    /// <summary>Limits as numbers in the SQL: bounded page sizes, so a bounded number of statements.</summary>
    private static string Window(int skip, int take) =>
        (skip > 0 ? string.Create(CultureInfo.InvariantCulture, $" OFFSET {skip}") : string.Empty) + string.Create(CultureInfo.InvariantCulture, $" LIMIT {take}");

    /// <summary>
    /// Runs one statement. With <paramref name="genericPlan"/>, PostgreSQL is told to use the statement's generic
    /// plan (<c>plan_cache_mode</c>, set and reset around it in the same round trip): for the search statement it
    /// otherwise plans every execution — its generic cost estimate is a little above the custom one's, yet both plans
    /// are the same index-ordered scans with limits, and the planning cost more than the execution (figures in
    /// bench/README.md, "Measurements and changes"). A batch runs as one implicit transaction, so when the statement fails the SET is rolled
    /// back with it: the pooled connection never keeps the setting.
    /// </summary>
    private async Task<List<T>> ReadAsync<T>(Statement statement, string sql, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken, bool genericPlan = false)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var batch = new NpgsqlBatch((NpgsqlConnection)db.Database.GetDbConnection()) { Transaction = (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction() };
            if (genericPlan)
            {
                batch.BatchCommands.Add(new NpgsqlBatchCommand("SET plan_cache_mode = force_generic_plan"));
            }

            var query = new NpgsqlBatchCommand(sql);
            query.Parameters.AddRange(statement.Parameters.ToArray());
            batch.BatchCommands.Add(query);
            if (genericPlan)
            {
                batch.BatchCommands.Add(new NpgsqlBatchCommand(ResetPlanCacheMode));
            }

            var items = new List<T>();
            await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    items.Add(read(reader));
                }
            }

            return items;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private const string ResetPlanCacheMode = "RESET plan_cache_mode";

    private static LicenseRow ReadRow(NpgsqlDataReader reader, int at) => new()
    {
        Id = reader.GetGuid(at),
        LicenseCode = reader.GetString(at + 1),
        ProductId = reader.GetGuid(at + 2),
        ProductReferenceId = reader.GetString(at + 3),
        CustomerId = NullableGuid(reader, at + 4),
        CustomerReference = NullableString(reader, at + 5),
        Type = Enum.Parse<LicenseType>(reader.GetString(at + 6)),
        Email = NullableString(reader, at + 7),
        ParallelUses = reader.GetInt32(at + 8),
        ActiveActivations = reader.GetInt32(at + 9),
        ExpiresAt = NullableTime(reader, at + 10),
        DurationMonths = reader.IsDBNull(at + 11) ? null : reader.GetInt32(at + 11),
        UpdatesUntil = NullableTime(reader, at + 12),
        Domains = reader.GetFieldValue<string[]>(at + 13),
        Ips = reader.GetFieldValue<string[]>(at + 14),
        Services = reader.GetFieldValue<string[]>(at + 15),
        IsValid = reader.GetBoolean(at + 16),
        IsBlocked = reader.GetBoolean(at + 17),
        IsEnvato = reader.GetBoolean(at + 18),
        FirstActivatedAt = NullableTime(reader, at + 19),
        OwnerId = reader.GetGuid(at + 20),
        CreatedAt = reader.GetFieldValue<DateTimeOffset>(at + 21),
        UpdatedAt = reader.GetFieldValue<DateTimeOffset>(at + 22),
    };

    private static string? NullableString(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static Guid? NullableGuid(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetGuid(ordinal);

    private static DateTimeOffset? NullableTime(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateTimeOffset>(ordinal);

    /// <summary>A statement's positional parameters (<c>$1</c>, <c>$2</c>, …), the first being the owner when the actor has one.</summary>
    private sealed class Statement
    {
        private readonly string? owner;

        public Statement(Guid? ownerScope)
        {
            owner = ownerScope is { } id ? Add(id) : null;
        }

        public List<NpgsqlParameter> Parameters { get; } = [];

        public string Add<T>(T value)
        {
            Parameters.Add(new NpgsqlParameter<T> { TypedValue = value });
            return "$" + Parameters.Count.ToString(CultureInfo.InvariantCulture);
        }

        /// <summary>The owner condition on a table alias (starting with <c>AND</c>), or nothing for an actor who sees everything.</summary>
        public string OwnedBy(string alias) => owner is null ? string.Empty : $" AND {alias}.owner_id = {owner}";
    }
}
