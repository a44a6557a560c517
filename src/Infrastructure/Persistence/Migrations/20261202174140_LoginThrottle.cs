using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace KeyBox.Infrastructure.Persistence.Migrations
{
    /// <summary>
    /// The login throttle (issue 14): table <c>login_throttle</c> (one counter per key) replaces <c>login_failures</c>
    /// (failures read, checked, then recorded: concurrent attempts raced past the limit). Custom SQL: the functions that
    /// take and give back an attempt's place atomically (see <c>LoginThrottlePolicy</c> for the scheme).
    /// </summary>
    public partial class LoginThrottle : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "login_failures");

            migrationBuilder.CreateTable(
                name: "login_throttle",
                columns: table => new
                {
                    key = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    window_start = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    next_check_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_login_throttle", x => x.key);
                });

            migrationBuilder.CreateIndex(
                name: "IX_login_throttle_window_start",
                table: "login_throttle",
                column: "window_start");

            // --- Custom SQL (carry over when squashing): the login throttle's atomic steps. ---
            // keybox_login_throttle_acquire: takes one login attempt's place under its keys (pair:email|ip, ip:address,
            // account:email; a NULL key is not throttled), or under none, and says how long to wait when refused
            // (NULL = allowed: check the password now). The counters' rows are created or locked in key order, so
            // attempts sharing keys (in any process) are serialised and never deadlock; a window ends p_window after
            // the first attempt it counted, and an ended window starts again at 0. Pair and IP refuse at their limit
            // until their window ends; an account at its ceiling allows one attempt per p_account_delay (next_check_at).
            // A refused attempt counts nowhere, and the rows it created are removed again.
            migrationBuilder.Sql("""
                CREATE FUNCTION keybox_login_throttle_acquire(
                    p_pair text, p_pair_limit integer,
                    p_ip text, p_ip_limit integer,
                    p_account text, p_account_limit integer, p_account_delay interval,
                    p_window interval, p_now timestamptz)
                RETURNS interval
                LANGUAGE plpgsql AS $$
                DECLARE
                    k text;
                    r login_throttle;
                    pair_row login_throttle;
                    ip_row login_throttle;
                    account_row login_throttle;
                    wait interval;
                BEGIN
                    FOR k IN SELECT x FROM unnest(ARRAY[p_pair, p_ip, p_account]) AS x WHERE x IS NOT NULL ORDER BY x COLLATE "C" LOOP
                        INSERT INTO login_throttle AS t (key, window_start, attempts) VALUES (k, p_now, 0)
                        ON CONFLICT (key) DO UPDATE SET
                            window_start = CASE WHEN t.window_start <= p_now - p_window THEN p_now ELSE t.window_start END,
                            attempts = CASE WHEN t.window_start <= p_now - p_window THEN 0 ELSE t.attempts END
                        RETURNING t.* INTO r;
                        IF k = p_pair THEN
                            pair_row := r;
                        ELSIF k = p_ip THEN
                            ip_row := r;
                        ELSE
                            account_row := r;
                        END IF;
                    END LOOP;

                    IF pair_row.key IS NOT NULL AND pair_row.attempts >= p_pair_limit THEN
                        wait := pair_row.window_start + p_window - p_now;
                    END IF;
                    IF ip_row.key IS NOT NULL AND ip_row.attempts >= p_ip_limit THEN
                        wait := GREATEST(wait, ip_row.window_start + p_window - p_now);
                    END IF;
                    IF wait IS NULL AND account_row.key IS NOT NULL AND account_row.attempts >= p_account_limit
                            AND account_row.next_check_at > p_now THEN
                        wait := account_row.next_check_at - p_now;
                    END IF;

                    IF wait IS NOT NULL THEN
                        DELETE FROM login_throttle WHERE key IN (p_pair, p_ip, p_account) AND attempts = 0;
                        RETURN wait;
                    END IF;

                    UPDATE login_throttle SET
                        attempts = attempts + 1,
                        next_check_at = CASE WHEN key = p_account AND attempts >= p_account_limit
                            THEN p_now + p_account_delay ELSE next_check_at END
                    WHERE key IN (p_pair, p_ip, p_account);
                    RETURN NULL;
                END
                $$;
                """);

            // keybox_login_throttle_release: after a successful login, forgets the pair and gives back the attempt's
            // place under the IP and the account (a counter that falls to 0 is removed). Locks in acquire's order.
            migrationBuilder.Sql("""
                CREATE FUNCTION keybox_login_throttle_release(p_pair text, p_ip text, p_account text)
                RETURNS void
                LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM 1 FROM login_throttle WHERE key IN (p_pair, p_ip, p_account) ORDER BY key COLLATE "C" FOR UPDATE;
                    DELETE FROM login_throttle WHERE key = p_pair OR (key IN (p_ip, p_account) AND attempts <= 1);
                    UPDATE login_throttle SET attempts = attempts - 1 WHERE key IN (p_ip, p_account) AND attempts > 1;
                END
                $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP FUNCTION IF EXISTS keybox_login_throttle_acquire(text, integer, text, integer, text, integer, interval, interval, timestamptz);
                DROP FUNCTION IF EXISTS keybox_login_throttle_release(text, text, text);
                """);

            migrationBuilder.DropTable(
                name: "login_throttle");

            migrationBuilder.CreateTable(
                name: "login_failures",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    failed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    key = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_login_failures", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_login_failures_failed_at",
                table: "login_failures",
                column: "failed_at");

            migrationBuilder.CreateIndex(
                name: "IX_login_failures_key_failed_at",
                table: "login_failures",
                columns: new[] { "key", "failed_at" });
        }
    }
}
