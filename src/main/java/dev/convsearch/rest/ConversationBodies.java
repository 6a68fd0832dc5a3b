package dev.convsearch.rest;

import static dev.convsearch.domain.ConversationField.CONVERSATION_ID;

import java.util.List;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.convsearch.api.NewConversation;
import dev.convsearch.domain.ConversationChange;
import dev.convsearch.domain.ConversationField;
import dev.convsearch.domain.ConversationField.Write;
import dev.convsearch.error.FastApiErrors;
import dev.convsearch.error.JsonErrors;
import dev.convsearch.error.RequestValidationException;
import dev.convsearch.error.ValidationError;
import dev.convsearch.error.ValidationErrors;
import dev.convsearch.service.ImportLine;

/**
 * Turns request bodies into typed changes, by the field table ({@link ConversationField}): which fields each write may
 * set, what a null means, how values are normalised. Values are read by Jackson (wrong JSON types are 422s) and checked
 * by Bean Validation against {@link NewConversation}'s constraints. The body is read as a tree first, because a field
 * given as null and a field not given are different things.
 */
@ApplicationScoped
public class ConversationBodies {

    private final ObjectMapper mapper;
    private final ObjectReader lenientReader;

    public ConversationBodies(ObjectMapper mapper) {
        this.mapper = mapper;
        this.lenientReader = mapper.readerFor(NewConversation.class)
                .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** The change a create body asks for: the fields it gives. A 422 names every field that breaks a rule. */
    ConversationChange forCreate(ObjectNode body) {
        NewConversation values = read(body);
        ValidationErrors errors = new ValidationErrors();
        ConversationChange change = change(body, values, Write.CREATE, errors);
        errors.addAll(FastApiErrors.ofBody(values));
        errors.throwIfAny();
        return change;
    }

    /**
     * The change a PATCH body asks for: exactly the fields it names, each one PATCH may change. A 422 names every field
     * that breaks a rule.
     */
    ConversationChange forPatch(ObjectNode body) {
        ValidationErrors errors = new ValidationErrors();
        body.fieldNames().forEachRemaining(name -> {
            ConversationField field = ConversationField.byWire(name);
            if (field == null) {
                errors.add(FastApiErrors.extraForbidden(FastApiErrors.body(name)));
            } else if (!field.writableBy(Write.PATCH)) {
                errors.add(FastApiErrors.cannotChange(FastApiErrors.body(name)));
            }
        });
        errors.throwIfAny();
        NewConversation values = read(body);
        ConversationChange change = change(body, values, Write.PATCH, errors);
        errors.addAll(FastApiErrors.ofBody(values));
        errors.throwIfAny();
        return change;
    }

    /**
     * One line of an import (an OpenHands metadata.json object): the change it asks for, the fields it gives that an
     * import may set (others, such as OpenHands' user_id, are ignored); or why it cannot be imported.
     */
    ImportLine forImport(int number, String text) {
        JsonNode node;
        try {
            node = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            return ImportLine.failed(number, "Invalid JSON");
        }
        if (node == null || !node.isObject()) {
            return ImportLine.failed(number, "Input should be a JSON object");
        }
        NewConversation values;
        try {
            values = lenientReader.treeToValue(node, NewConversation.class);
        } catch (MismatchedInputException e) {
            return ImportLine.failed(number, describe(List.of(JsonErrors.of(e))));
        } catch (JsonProcessingException e) {
            return ImportLine.failed(number, "Input is not valid");
        }
        ValidationErrors errors = new ValidationErrors();
        if (values.conversationId() == null) {
            errors.add(FastApiErrors.missing(FastApiErrors.body(CONVERSATION_ID.wire())));
        }
        ConversationChange change = change((ObjectNode) node, values, Write.IMPORT, errors);
        errors.addAll(FastApiErrors.ofBody(values));
        return errors.isEmpty() ? ImportLine.of(number, change) : ImportLine.failed(number, describe(errors.list()));
    }

    /**
     * The fields of {@code body} that {@code write} may set, with their values as read into {@code values}; a null is
     * set, ignored or refused as the field's {@link ConversationField.Nulls} says.
     */
    private static ConversationChange change(ObjectNode body, NewConversation values, Write write,
            ValidationErrors errors) {
        ConversationChange change = ConversationChange.none();
        for (ConversationField field : ConversationField.values()) {
            if (!field.writableBy(write) || !body.has(field.wire())) {
                continue;
            }
            Object value = field.valueIn(values);
            if (value != null || field.nulls() == ConversationField.Nulls.ALLOWED) {
                change = change.with(field, value);
            } else if (field.nulls() == ConversationField.Nulls.REFUSED || write == Write.PATCH) {
                errors.add(FastApiErrors.wrongType(FastApiErrors.body(field.wire()), field.type()));
            }
        }
        return change;
    }

    private NewConversation read(ObjectNode body) {
        try {
            return mapper.treeToValue(body, NewConversation.class);
        } catch (MismatchedInputException e) {
            throw new RequestValidationException(JsonErrors.of(e));
        } catch (JsonProcessingException e) {
            throw new RequestValidationException(FastApiErrors.valueError(FastApiErrors.body(), "Input is not valid"));
        }
    }

    /** "field: message; field: message", without the leading "body": how an import reports a line. */
    private static String describe(List<ValidationError> errors) {
        return errors.stream()
                .map(error -> error.loc().stream().skip(1).map(String::valueOf).collect(Collectors.joining("."))
                        + ": " + error.msg())
                .collect(Collectors.joining("; "));
    }
}
