package io.omnis.inventory;

/**
 * The kinds of change the stock ledger records.
 */
public enum MovementType {

	/** Goods arrived: on hand goes up. */
	RECEIPT(Direction.IN),
	/** Sold without a reservation (at a till): on hand goes down. */
	SALE(Direction.OUT),
	/** A correction by a signed quantity (damage, found goods). */
	ADJUSTMENT(Direction.SIGNED),
	/** An absolute count sets on hand; reservations stay. */
	COUNT(Direction.ABSOLUTE), TRANSFER_OUT(Direction.OUT), TRANSFER_IN(Direction.IN),
	/** A customer brought goods back to this location. */
	RETURN(Direction.IN),
	/** A reservation held units: reserved goes up. */
	RESERVE(Direction.RESERVATION),
	/**
	 * A reservation let units go (released, shortened or expired): reserved goes down.
	 */
	RELEASE(Direction.RESERVATION),
	/** A reservation was sold: on hand and reserved go down at the reserved location. */
	CONSUME(Direction.RESERVATION);

	private final Direction direction;

	MovementType(Direction direction) {
		this.direction = direction;
	}

	/** Whether clients record it directly, rather than through a reservation. */
	public boolean isRecordable() {
		return direction != Direction.RESERVATION;
	}

	public boolean isAbsolute() {
		return direction == Direction.ABSOLUTE;
	}

	public boolean isSigned() {
		return direction == Direction.SIGNED;
	}

	/**
	 * The change of on hand that a quantity of this type means (for all but COUNT).
	 */
	public int onHandDelta(int quantity) {
		return direction == Direction.OUT ? -quantity : quantity;
	}

	private enum Direction {

		IN, OUT, SIGNED, ABSOLUTE, RESERVATION

	}

}
