package io.omnis.catalog.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.omnis.catalog.Content;
import io.omnis.catalog.ProductId;
import io.omnis.channel.ChannelId;

/**
 * The product_content table: titles and descriptions per locale, for all channels or one.
 */
@Repository
public class ContentStore {

	private final JdbcClient jdbc;

	public ContentStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public void put(ProductId product, Content content) {
		jdbc.sql("""
				insert into product_content (product_id, channel_id, locale, title, description)
				values (:product, :channel, :locale, :title, :description)
				on conflict (product_id, coalesce(channel_id, ''), locale)
				do update set title = excluded.title, description = excluded.description""")
			.param("product", product.value())
			.param("channel", content.channel() == null ? null : content.channel().value())
			.param("locale", content.locale())
			.param("title", content.title())
			.param("description", content.description())
			.update();
	}

	public boolean remove(ProductId product, @Nullable ChannelId channel, String locale) {
		return jdbc.sql("""
				delete from product_content
				 where product_id = :product and coalesce(channel_id, '') = :channel and locale = :locale""")
			.param("product", product.value())
			.param("channel", channel == null ? "" : channel.value())
			.param("locale", locale)
			.update() > 0;
	}

	public List<Content> of(ProductId product) {
		return jdbc.sql("""
				select * from product_content where product_id = :product
				 order by channel_id nulls first, locale""")
			.param("product", product.value())
			.query(ContentStore::row)
			.list();
	}

	/** The channel's own content for the locale, else every channel's for the locale. */
	public Optional<Content> closest(ProductId product, @Nullable ChannelId channel, String locale) {
		return jdbc.sql("""
				select * from product_content
				 where product_id = :product and locale = :locale and (channel_id is null or channel_id = :channel)
				 order by channel_id nulls last limit 1""")
			.param("product", product.value())
			.param("channel", channel == null ? "" : channel.value())
			.param("locale", locale)
			.query(ContentStore::row)
			.optional();
	}

	private static Content row(ResultSet rs, int n) throws SQLException {
		String channel = rs.getString("channel_id");
		return new Content(channel == null ? null : new ChannelId(channel), rs.getString("locale"),
				rs.getString("title"), rs.getString("description"));
	}

}
