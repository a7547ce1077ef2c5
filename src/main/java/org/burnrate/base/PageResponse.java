package org.burnrate.base;

import java.util.List;
import java.util.function.Function;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;

/** The paged list shape of the REST API: {@code { items, page, size, total }}. */
public record PageResponse<T>(List<T> items, int page, int size, long total) {

    public static final int MAX_PAGE_SIZE = 500;

    public static <S, T> PageResponse<T> of(Page<S> page, Function<S, T> mapper) {
        return new PageResponse<>(page.getContent().stream().map(mapper).toList(), page.getNumber(), page.getSize(),
                page.getTotalElements());
    }

    /** A page request from API parameters, refusing nonsense instead of guessing. */
    public static Pageable request(int page, int size, Sort sort) {
        if (page < 0) {
            throw new InvalidInputException("page", "page starts at 0.");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new InvalidInputException("size", "size must be between 1 and " + MAX_PAGE_SIZE + ".");
        }
        return PageRequest.of(page, size, sort);
    }
}
