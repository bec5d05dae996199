package io.omnis.catalog;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.HashSet;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.omnis.catalog.internal.Fields;
import io.omnis.catalog.internal.ProductStore;
import io.omnis.kernel.Ids;
import io.omnis.kernel.problem.FieldError;
import io.omnis.kernel.problem.NotFoundException;
import io.omnis.kernel.problem.ProblemException;
import io.omnis.kernel.problem.ProblemType;
import io.omnis.kernel.web.Cursor;
import io.omnis.kernel.web.Page;

/**
 * The products and their variants: creates and changes them, moves them through their
 * statuses, and answers them by id, handle or SKU. A refused change leaves nothing
 * behind: its transaction rolls back whole.
 */
@Service
@Transactional
public class Catalog {

	private final ProductStore store;

	private final Clock clock;

	Catalog(ProductStore store, Clock clock) {
		this.store = store;
		this.clock = clock;
	}

	public Product create(NewProduct draft) {
		String handle = Fields.handle(draft.handle(), "handle");
		if (store.handleTaken(handle, null)) {
			throw conflict("handle", "A product with handle '" + handle + "' already exists");
		}
		ProductStatus status = draft.status() == null ? ProductStatus.DRAFT : draft.status();
		List<NewVariant> variants = draft.variants() == null ? List.of() : draft.variants();
		if (status == ProductStatus.ACTIVE && variants.isEmpty()) {
			throw ProblemException.invalidField("variants", "must have at least one variant for an ACTIVE product");
		}
		Instant now = clock.instant();
		Product product = new Product(ProductId.next(), handle, status, Fields.title(draft.title(), "title"),
				Fields.description(draft.description(), "description"),
				Fields.attributes(draft.attributes(), "attributes"), Fields.images(draft.images(), "images"), true,
				List.of(), List.of(), now, now);
		// variants go in one by one, so that a kit may name a sibling listed before it; a
		// refusal rolls the whole creation back
		store.insert(product);
		for (int i = 0; i < variants.size(); i++) {
			store.insert(check(product.id(), VariantId.next(), Fields.required(variants.get(i), field(i, "")),
					"variants[" + i + "]."));
		}
		return get(product.id());
	}

	public Product update(ProductId id, ProductChanges changes) {
		Product product = lock(id);
		String handle = product.handle();
		if (changes.handle() != null) {
			handle = Fields.handle(changes.handle(), "handle");
			if (store.handleTaken(handle, id)) {
				throw conflict("handle", "A product with handle '" + handle + "' already exists");
			}
		}
		ProductStatus status = changes.status() == null ? product.status() : changes.status();
		if (!product.status().canBecome(status)) {
			throw ProblemException.invalidField("status", "cannot go from " + product.status() + " to " + status);
		}
		if (status == ProductStatus.ACTIVE && product.variants().isEmpty()) {
			throw ProblemException.invalidField("status", "cannot be ACTIVE for a product without variants");
		}
		store.update(new Product(id, handle, status,
				changes.title() == null ? product.title() : Fields.title(changes.title(), "title"),
				changes.description() == null ? product.description()
						: Fields.description(changes.description(), "description"),
				changes.attributes() == null ? product.attributes()
						: Fields.attributes(changes.attributes(), "attributes"),
				changes.images() == null ? product.images() : Fields.images(changes.images(), "images"),
				product.allChannels(), product.channels(), product.variants(), product.createdAt(), clock.instant()));
		return get(id);
	}

	/** Deletes a product that was never sold: only drafts go; others are archived. */
	public void delete(ProductId id) {
		Product product = lock(id);
		if (product.status() != ProductStatus.DRAFT) {
			throw ProblemException
				.conflict("Only DRAFT products can be deleted; archive this " + product.status() + " product instead");
		}
		for (Variant variant : product.variants()) {
			refuseIfComponent(variant);
		}
		store.delete(id);
	}

	public Product addVariant(ProductId id, NewVariant draft) {
		lock(id);
		store.insert(check(id, VariantId.next(), draft, ""));
		return touch(id);
	}

	public Product replaceVariant(ProductId id, VariantId variantId, NewVariant draft) {
		variantOf(lock(id), variantId);
		store.update(check(id, variantId, draft, ""));
		return touch(id);
	}

	public Product removeVariant(ProductId id, VariantId variantId) {
		Product product = lock(id);
		Variant variant = variantOf(product, variantId);
		if (product.status() == ProductStatus.ACTIVE && product.variants().size() == 1) {
			throw ProblemException.conflict("The last variant of an ACTIVE product cannot be removed");
		}
		refuseIfComponent(variant);
		store.delete(variantId);
		return touch(id);
	}

	@Transactional(propagation = Propagation.SUPPORTS)
	public Product get(ProductId id) {
		return store.find(id, false).orElseThrow(() -> new NotFoundException("product", id.value()));
	}

	/** The product with the given id, or a 404 problem for an unknown or malformed id. */
	@Transactional(propagation = Propagation.SUPPORTS)
	public Product get(String id) {
		if (!Ids.isValid(ProductId.PREFIX, id)) {
			throw new NotFoundException("product", id);
		}
		return get(new ProductId(id));
	}

	@Transactional(propagation = Propagation.SUPPORTS)
	public Optional<Product> byHandle(String handle) {
		return store.idByHandle(handle).map(this::get);
	}

	@Transactional(propagation = Propagation.SUPPORTS)
	public Optional<Variant> variant(String sku) {
		return store.variantBySku(sku);
	}

	@Transactional(propagation = Propagation.SUPPORTS)
	public Page<Product> page(@Nullable String cursor, @Nullable Integer limit, @Nullable ProductStatus status) {
		int size = Cursor.limit(limit);
		return Page.of(store.list(Cursor.decode(cursor), size + 1, status), size, p -> p.id().value());
	}

	private Variant check(ProductId product, VariantId id, NewVariant draft, String prefix) {
		String sku = Fields.sku(draft.sku(), prefix + "sku");
		if (store.taken("sku", sku, id)) {
			throw conflict(prefix + "sku", "SKU '" + sku + "' is already used by another variant");
		}
		String barcode = Fields.barcode(draft.barcode(), prefix + "barcode");
		if (barcode != null && store.taken("barcode", barcode, id)) {
			throw conflict(prefix + "barcode", "Barcode '" + barcode + "' is already used by another variant");
		}
		return new Variant(id, product, sku, barcode, Fields.options(draft.options(), prefix + "options"),
				Fields.weight(draft.weightGrams(), prefix + "weightGrams"),
				Fields.taxCategory(draft.taxCategory(), prefix + "taxCategory"),
				components(id, sku, draft.components(), prefix + "components"));
	}

	private List<KitComponent> components(VariantId kit, String kitSku, @Nullable List<Part> parts, String field) {
		if (parts == null || parts.isEmpty()) {
			return List.of();
		}
		if (parts.size() > 50) {
			throw ProblemException.invalidField(field, "must have at most 50 components");
		}
		if (!store.kitsContaining(kit).isEmpty()) {
			throw ProblemException.invalidField(field,
					"cannot be set: this variant is itself a component of " + store.kitsContaining(kit));
		}
		List<KitComponent> components = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < parts.size(); i++) {
			String path = field + "[" + i + "]";
			Part part = Fields.required(parts.get(i), path);
			String sku = Fields.sku(part.sku(), path + ".sku");
			if (sku.equals(kitSku) || !seen.add(sku)) {
				throw ProblemException.invalidField(path + ".sku", "must name each other variant once");
			}
			if (part.quantity() == null || part.quantity() < 1 || part.quantity() > 1000) {
				throw ProblemException.invalidField(path + ".quantity", "must be between 1 and 1000");
			}
			Variant component = store.variantBySku(sku)
				.orElseThrow(() -> ProblemException.invalidField(path + ".sku", "names no variant: '" + sku + "'"));
			if (component.isKit()) {
				throw ProblemException.invalidField(path + ".sku", "is a kit; a kit is made of single variants");
			}
			components.add(new KitComponent(component.id(), sku, part.quantity()));
		}
		return components;
	}

	private void refuseIfComponent(Variant variant) {
		List<String> kits = store.kitsContaining(variant.id());
		if (!kits.isEmpty()) {
			throw ProblemException.conflict(
					"Variant '" + variant.sku() + "' is a component of the kits " + kits + "; remove it there first");
		}
	}

	private Product touch(ProductId id) {
		Product product = get(id);
		store.update(new Product(id, product.handle(), product.status(), product.title(), product.description(),
				product.attributes(), product.images(), product.allChannels(), product.channels(), product.variants(),
				product.createdAt(), clock.instant()));
		return get(id);
	}

	private Product lock(ProductId id) {
		return store.find(id, true).orElseThrow(() -> new NotFoundException("product", id.value()));
	}

	private static Variant variantOf(Product product, VariantId id) {
		return product.variants()
			.stream()
			.filter(v -> v.id().equals(id))
			.findFirst()
			.orElseThrow(() -> new NotFoundException("variant", id.value()));
	}

	private static String field(int index, String name) {
		return "variants[" + index + "]" + (name.isEmpty() ? "" : "." + name);
	}

	static ProblemException conflict(String field, String detail) {
		return new ProblemException(ProblemType.CONFLICT, detail, List.of(new FieldError(field, "is already used")));
	}

	/** A product to create, with its first variants. */
	public record NewProduct(@Nullable String handle, @Nullable String title, @Nullable String description,
			@Nullable ProductStatus status, @Nullable Map<String, Object> attributes, @Nullable List<Image> images,
			@Nullable List<NewVariant> variants) {
	}

	/** A variant to add, or the new state of one (a kit when it has components). */
	public record NewVariant(@Nullable String sku, @Nullable String barcode, @Nullable Map<String, String> options,
			@Nullable Integer weightGrams, @Nullable String taxCategory, @Nullable List<Part> components) {
	}

	/** A component of a kit, by SKU. */
	public record Part(@Nullable String sku, @Nullable Integer quantity) {
	}

	/** What to change in a product; {@code null} keeps the current value. */
	public record ProductChanges(@Nullable String handle, @Nullable String title, @Nullable String description,
			@Nullable ProductStatus status, @Nullable Map<String, Object> attributes, @Nullable List<Image> images) {
	}

}
