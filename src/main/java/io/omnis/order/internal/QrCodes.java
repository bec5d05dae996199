package io.omnis.order.internal;

import io.nayuki.qrcodegen.QrCode;

/**
 * Draws a hand-over code as a QR code in SVG, for a phone to show at the till.
 */
public final class QrCodes {

	private static final int BORDER = 4;

	private QrCodes() {
	}

	public static String svg(String text) {
		QrCode qr = QrCode.encodeText(text, QrCode.Ecc.MEDIUM);
		StringBuilder path = new StringBuilder();
		for (int y = 0; y < qr.size; y++) {
			for (int x = 0; x < qr.size; x++) {
				if (qr.getModule(x, y)) {
					path.append('M').append(x + BORDER).append(',').append(y + BORDER).append("h1v1h-1z");
				}
			}
		}
		int size = qr.size + BORDER * 2;
		return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\""
				+ " viewBox=\"0 0 " + size + " " + size + "\" stroke=\"none\">\n<rect width=\"100%\" height=\"100%\""
				+ " fill=\"#FFFFFF\"/>\n<path d=\"" + path + "\" fill=\"#000000\"/>\n</svg>\n";
	}

}
