package fr.ecole.lending.devices;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * An asset tag as a desk typed or scanned it to find a device: the text under its QR label, without
 * the spaces around it. The database finds it whatever its case; a tag no device carries is simply
 * not found, so any text is a tag to look for. Registering a new tag checks its shape
 * ({@link AssetTags#supplied}).
 */
public record AssetTag(String value) {
    public AssetTag {
        value = value == null ? "" : value.strip();
    }

    public static AssetTag of(String text) {
        return new AssetTag(text);
    }

    @JsonValue
    @Override
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }
}
