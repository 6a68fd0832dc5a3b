package dev.convsearch.rest;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * Writes JSON as FastAPI does: a character outside Unicode's first plane (an emoji in a title or a fragment) as its
 * four UTF-8 bytes. Jackson 2's default writes it as the JSON escapes of its two UTF-16 surrogates, twelve bytes: the
 * same string once decoded, but not the bytes OpenHands' servers send.
 */
@Singleton
public class JsonWriting implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.setConfig(mapper.getSerializationConfig().with(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8));
    }
}
