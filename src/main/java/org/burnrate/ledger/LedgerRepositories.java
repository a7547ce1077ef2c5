package org.burnrate.ledger;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
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

    /** The lines that move this account's figures: its own, and allocations it handed out or got back. */
    @Query("""
            select l from LedgerLine l
            where (l.accountId = :accountId or l.counterAccountId = :accountId)
              and (:allTypes = true or l.type in :types)
              and l.at >= :from and l.at < :to
            order by l.id desc
            """)
    Page<LedgerLine> findForAccount(@Param("accountId") long accountId, @Param("allTypes") boolean allTypes,
            @Param("types") Collection<LineType> types, @Param("from") Instant from, @Param("to") Instant to,
            Pageable pageable);

    Optional<LedgerLine> findByIdempotencyKey(String idempotencyKey);

    @Query("select l from LedgerLine l where l.resourceId = :resourceId order by l.at desc, l.id desc")
    org.springframework.data.domain.Page<LedgerLine> ofResource(@Param("resourceId") long resourceId,
            org.springframework.data.domain.Pageable pageable);

    @Query("select l.holdLineId from LedgerLine l where l.holdLineId in :holdIds and l.type = 'RELEASE'")
    List<Long> settledHolds(@Param("holdIds") java.util.Collection<Long> holdIds);

    /** The amounts of these HOLD lines, as (id, amount). */
    @Query("select l.id, l.amount from LedgerLine l where l.id in :holdIds and l.type = 'HOLD'")
    List<Object[]> holdAmounts(@Param("holdIds") java.util.Collection<Long> holdIds);

    /**
     * Per resource, its debits less the refunds that correct them: rows of (resource id, sum); none
     * for a resource without such lines.
     */
    @Query("""
            select l.resourceId, sum(case when l.type = 'REFUND' then -l.amount else l.amount end) from LedgerLine l
            where l.resourceId in :resourceIds and l.type in ('DEBIT', 'REFUND') group by l.resourceId""")
    List<Object[]> debitedForEach(@Param("resourceIds") java.util.Collection<Long> resourceIds);

    boolean existsByHoldLineIdAndType(long holdLineId, LineType type);

    @Query("select coalesce(sum(l.amount), 0) from LedgerLine l where l.correctsLineId = :lineId and l.type = :type")
    java.math.BigDecimal sumCorrectionsValue(@Param("lineId") long lineId, @Param("type") LineType type);

    default org.burnrate.base.ConsumptionUnits sumCorrections(long lineId, LineType type) {
        return org.burnrate.base.ConsumptionUnits.rounded(sumCorrectionsValue(lineId, type));
    }
}
