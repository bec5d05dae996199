package io.omnis.customer.internal;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The owner cache's default size follows the heap (about 7 % of it, a million entries at
 * most), and what it learnt can be forgotten.
 */
class OwnerCacheTests {

	@Test
	void theDefaultSizeFollowsTheHeap() {
		assertThat(OwnerCache.defaultSize(6L << 30)).isEqualTo(1_000_000);
		assertThat(OwnerCache.defaultSize(512L << 20)).isEqualTo(262_144);
		assertThat(OwnerCache.defaultSize(1L << 20)).isEqualTo(10_000);
	}

	@Test
	void learntOwnersAreForgotten() {
		OwnerCache cache = new OwnerCache(100);
		cache.learn(List.of("anonymous_id:a", "user_id:u"), "cus_1", 3);
		assertThat(cache.owner("user_id:u")).isEqualTo(new OwnerCache.Owner("cus_1", 3));
		cache.forget(List.of("user_id:u"));
		assertThat(cache.owner("user_id:u")).isNull();
		assertThat(cache.owner("anonymous_id:a")).isNotNull();
	}

	@Test
	void aNegativeSizeIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new OwnerCache(-2));
	}

}
