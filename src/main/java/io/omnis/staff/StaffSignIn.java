package io.omnis.staff;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/**
 * Signs console users in: their authorities are their role and its permissions.
 */
@Component
class StaffSignIn implements UserDetailsService {

	private final Staff staff;

	StaffSignIn(Staff staff) {
		this.staff = staff;
	}

	@Override
	public UserDetails loadUserByUsername(String username) {
		StaffMember member = staff.findByUsername(username)
			.filter(StaffMember::enabled)
			.orElseThrow(() -> new UsernameNotFoundException("No such user"));
		String hash = staff.passwordHash(member.username())
			.orElseThrow(() -> new UsernameNotFoundException("No such user"));
		var authorities = new java.util.ArrayList<SimpleGrantedAuthority>();
		authorities.add(new SimpleGrantedAuthority("ROLE_" + member.role().name()));
		member.role().permissions().forEach(p -> authorities.add(new SimpleGrantedAuthority(p.authority())));
		return User.withUsername(member.username()).password(hash).authorities(authorities).build();
	}

}
