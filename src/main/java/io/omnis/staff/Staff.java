package io.omnis.staff;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.omnis.kernel.Ids;
import io.omnis.kernel.problem.ProblemException;
import io.omnis.kernel.security.Role;

/**
 * The console's users: who they are, their role, and their password stored only as an
 * adaptive hash.
 */
@Service
@Transactional
public class Staff {

	static final int MIN_PASSWORD = 12;

	private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,39}");

	private final JdbcClient jdbc;

	private final PasswordEncoder passwords;

	private final Clock clock;

	Staff(JdbcClient jdbc, PasswordEncoder passwords, Clock clock) {
		this.jdbc = jdbc;
		this.passwords = passwords;
		this.clock = clock;
	}

	public StaffMember create(String username, String displayName, Role role, String password) {
		String name = username.strip().toLowerCase(Locale.ROOT);
		if (!USERNAME.matcher(name).matches()) {
			throw ProblemException.invalidField("username",
					"must be 2 to 40 characters: letters, digits, '.', '_' or '-'");
		}
		if (password.length() < MIN_PASSWORD) {
			throw ProblemException.invalidField("password", "must be at least " + MIN_PASSWORD + " characters");
		}
		if (findByUsername(name).isPresent()) {
			throw ProblemException.conflict("A user named '" + name + "' already exists");
		}
		StaffMember member = new StaffMember(Ids.next("stf"), name, displayName.strip(), role, true, clock.instant());
		jdbc.sql("""
				insert into staff_member (id, username, display_name, role, password_hash, enabled, created_at)
				values (:id, :username, :displayName, :role, :hash, true, :createdAt)""")
			.param("id", member.id())
			.param("username", member.username())
			.param("displayName", member.displayName())
			.param("role", role.name())
			.param("hash", passwords.encode(password))
			.param("createdAt", Timestamp.from(member.createdAt()))
			.update();
		return member;
	}

	@Transactional(readOnly = true)
	public Optional<StaffMember> findByUsername(String username) {
		return jdbc.sql("select * from staff_member where username = :username")
			.param("username", username.toLowerCase(Locale.ROOT))
			.query((rs, row) -> new StaffMember(rs.getString("id"), rs.getString("username"),
					rs.getString("display_name"), Role.valueOf(rs.getString("role")), rs.getBoolean("enabled"),
					rs.getTimestamp("created_at").toInstant()))
			.optional();
	}

	@Transactional(readOnly = true)
	public List<StaffMember> all() {
		return jdbc.sql("select * from staff_member order by id limit 1000")
			.query((rs, row) -> new StaffMember(rs.getString("id"), rs.getString("username"),
					rs.getString("display_name"), Role.valueOf(rs.getString("role")), rs.getBoolean("enabled"),
					rs.getTimestamp("created_at").toInstant()))
			.list();
	}

	@Transactional(readOnly = true)
	public boolean hasAdministrator() {
		return jdbc.sql("select exists (select 1 from staff_member where role = 'ADMINISTRATOR' and enabled)")
			.query(Boolean.class)
			.single();
	}

	@Transactional(readOnly = true)
	Optional<String> passwordHash(String username) {
		return jdbc.sql("select password_hash from staff_member where username = :username and enabled")
			.param("username", username.toLowerCase(Locale.ROOT))
			.query(String.class)
			.optional();
	}

}
