package org.burnrate.ledger;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface LedgerAccountRepository extends JpaRepository<LedgerAccount, Long> {

    @Query("select a.path from LedgerAccount a where a.id = :id")
    Optional<String> findPath(@Param("id") long id);

    @Query("select a.id from LedgerAccount a where a.parentId = :parentId and a.closedAt is null order by a.id")
    List<Long> findOpenChildIds(@Param("parentId") long parentId);
}

interface LedgerLineRepository extends JpaRepository<LedgerLine, Long> {

    Optional<LedgerLine> findByIdempotencyKey(String idempotencyKey);

    boolean existsByHoldLineIdAndType(long holdLineId, LineType type);
}
