package io.omnis.returns.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.omnis.kernel.Money;
import io.omnis.returns.StoreCreditEntry;

/**
 * The store_credit balances and their store_credit_entry ledger.
 */
@Repository
public class CreditStore {

	private final JdbcClient jdbc;

	CreditStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Adds to the balance, opening it on the first credit. @return the new balance */
	public long credit(String profileId, Money amount, Instant now) {
		return jdbc
			.sql("""
					insert into store_credit (profile_id, currency, balance, updated_at) values (:profile, :currency, :amount, :now)
					on conflict (profile_id, currency)
					do update set balance = store_credit.balance + excluded.balance, updated_at = excluded.updated_at
					returning balance""")
			.param("profile", profileId)
			.param("currency", amount.currency().getCurrencyCode())
			.param("amount", amount.minorUnits())
			.param("now", Timestamp.from(now))
			.query(Long.class)
			.single();
	}

	/**
	 * Takes from the balance only if it holds that much: one conditional UPDATE, so two
	 * checkouts cannot spend the same credit.
	 * @return the new balance, or empty when there is not enough
	 */
	public Optional<Long> spend(String profileId, Money amount, Instant now) {
		return jdbc.sql("""
				update store_credit set balance = balance - :amount, updated_at = :now
				 where profile_id = :profile and currency = :currency and balance >= :amount
				returning balance""")
			.param("profile", profileId)
			.param("currency", amount.currency().getCurrencyCode())
			.param("amount", amount.minorUnits())
			.param("now", Timestamp.from(now))
			.query(Long.class)
			.optional();
	}

	/**
	 * Moves every balance and ledger entry of a merged profile to its survivor. The
	 * merged profile's rows are deleted first (which locks them), so a spend racing the
	 * merge either happens before it or finds no credit left there.
	 */
	public void moveProfile(String merged, String survivor, Instant now) {
		List<Money> moved = jdbc.sql("delete from store_credit where profile_id = :merged returning balance, currency")
			.param("merged", merged)
			.query((rs, n) -> Money.of(rs.getLong(1), rs.getString(2)))
			.list();
		for (Money balance : moved) {
			credit(survivor, balance, now);
		}
		jdbc.sql("update store_credit_entry set profile_id = :survivor where profile_id = :merged")
			.param("survivor", survivor)
			.param("merged", merged)
			.update();
	}

	public long balance(String profileId, String currency) {
		return jdbc.sql("select coalesce(max(balance), 0) from store_credit where profile_id = :p and currency = :c")
			.param("p", profileId)
			.param("c", currency)
			.query(Long.class)
			.single();
	}

	public List<Money> balances(String profileId) {
		return jdbc.sql("select balance, currency from store_credit where profile_id = :p order by currency")
			.param("p", profileId)
			.query((rs, n) -> Money.of(rs.getLong(1), rs.getString(2)))
			.list();
	}

	public void insert(StoreCreditEntry entry) {
		jdbc.sql(
				"""
						insert into store_credit_entry (id, profile_id, currency, amount, balance_after, reference, reason, created_at)
						values (:id, :profile, :currency, :amount, :after, :reference, :reason, :at)""")
			.param("id", entry.id())
			.param("profile", entry.profileId())
			.param("currency", entry.amount().currency().getCurrencyCode())
			.param("amount", entry.amount().minorUnits())
			.param("after", entry.balanceAfter().minorUnits())
			.param("reference", entry.reference())
			.param("reason", entry.reason())
			.param("at", Timestamp.from(entry.createdAt()))
			.update();
	}

	public List<StoreCreditEntry> entries(String profileId, @Nullable String before, int limit) {
		return jdbc.sql("""
				select * from store_credit_entry where profile_id = :p and (:before::text is null or id < :before)
				 order by id desc limit :limit""")
			.param("p", profileId)
			.param("before", before)
			.param("limit", limit)
			.query((rs, n) -> new StoreCreditEntry(rs.getString("id"), rs.getString("profile_id"),
					Money.of(rs.getLong("amount"), rs.getString("currency")),
					Money.of(rs.getLong("balance_after"), rs.getString("currency")), rs.getString("reference"),
					rs.getString("reason"), rs.getTimestamp("created_at").toInstant()))
			.list();
	}

}
