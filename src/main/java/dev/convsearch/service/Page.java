package dev.convsearch.service;

import java.util.List;

/** One page of a search, and the cursor of the next ({@code null} on the last page). */
public record Page<T>(List<T> items, String nextPageId) {
}
