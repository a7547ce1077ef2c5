package org.burnrate.ledger;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import org.burnrate.base.ConsumptionUnits;
import org.jspecify.annotations.Nullable;

/**
 * A budget holder's account in the tree. Its four figures are a cache of its lines (and, for
 * consumption and holds, of the lines below it); {@link Ledger#verifyBalances()} proves them equal.
 * Only the ledger changes them, always under a row lock taken root to leaf.
 */
@Entity
@Table(name = "ledger_account")
class LedgerAccount {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "ledger_account_seq")
    @SequenceGenerator(name = "ledger_account_seq", sequenceName = "ledger_account_seq", allocationSize = 50)
    private @Nullable Long id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private AccountKind kind;

    @Column(name = "parent_id")
    private @Nullable Long parentId;

    /** Ids from the root down to this account, as "/1/5/17/"; filled in once the id is known. */
    @Column(nullable = false)
    private String path = "/";

    @Column(nullable = false)
    private int depth;

    @Column(nullable = false)
    private String name;

    /** The organization pool without a total: consumption is not capped at this level. */
    @Column(nullable = false)
    private boolean unlimited;

    /** Children may be allocated more than this account holds; consumption stays capped. */
    @Column(nullable = false)
    private boolean overcommit;

    @Column(nullable = false, precision = 19, scale = 4)
    private ConsumptionUnits allocated = ConsumptionUnits.ZERO;

    @Column(name = "allocated_to_children", nullable = false, precision = 19, scale = 4)
    private ConsumptionUnits allocatedToChildren = ConsumptionUnits.ZERO;

    @Column(nullable = false, precision = 19, scale = 4)
    private ConsumptionUnits consumed = ConsumptionUnits.ZERO;

    @Column(nullable = false, precision = 19, scale = 4)
    private ConsumptionUnits held = ConsumptionUnits.ZERO;

    @Column(name = "closed_at")
    private @Nullable Instant closedAt;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected LedgerAccount() {
        this.kind = AccountKind.MEMBERSHIP;
        this.name = "";
        this.createdAt = Instant.EPOCH;
    }

    LedgerAccount(AccountKind kind, @Nullable LedgerAccount parent, String name, boolean unlimited, boolean overcommit,
            Instant createdAt) {
        this.kind = kind;
        this.parentId = parent == null ? null : parent.getId();
        this.depth = parent == null ? 0 : parent.depth + 1;
        this.name = name;
        this.unlimited = unlimited;
        this.overcommit = overcommit;
        this.createdAt = createdAt;
    }

    void assignPath(@Nullable LedgerAccount parent) {
        this.path = (parent == null ? "/" : parent.path) + id + "/";
    }

    /** What can still be consumed or held at this level; null when unlimited. */
    @Nullable ConsumptionUnits available() {
        return available(unlimited, allocated, consumed, held);
    }

    /** What is left to hand to children; null when unlimited. */
    @Nullable ConsumptionUnits unallocated() {
        return unallocated(unlimited, allocated, allocatedToChildren);
    }

    private static @Nullable ConsumptionUnits available(boolean unlimited, ConsumptionUnits allocated,
            ConsumptionUnits consumed, ConsumptionUnits held) {
        return unlimited ? null : allocated.minus(consumed).minus(held);
    }

    private static @Nullable ConsumptionUnits unallocated(boolean unlimited, ConsumptionUnits allocated,
            ConsumptionUnits allocatedToChildren) {
        return unlimited ? null : allocated.minus(allocatedToChildren);
    }

    /** An account's position from its stored figures, read without loading the entity. */
    static Balance balance(long id, AccountKind kind, String name, boolean unlimited, boolean overcommit,
            ConsumptionUnits allocated, ConsumptionUnits allocatedToChildren, ConsumptionUnits consumed,
            ConsumptionUnits held, boolean closed) {
        return new Balance(id, kind, name, allocated, allocatedToChildren, consumed, held,
                available(unlimited, allocated, consumed, held), unallocated(unlimited, allocated, allocatedToChildren),
                overcommit, closed);
    }

    void receive(ConsumptionUnits amount) {
        allocated = allocated.plus(amount);
    }

    void giveBack(ConsumptionUnits amount) {
        allocated = allocated.minus(amount);
    }

    void handOut(ConsumptionUnits amount) {
        allocatedToChildren = allocatedToChildren.plus(amount);
    }

    void takeBack(ConsumptionUnits amount) {
        allocatedToChildren = allocatedToChildren.minus(amount);
    }

    void consume(ConsumptionUnits amount) {
        consumed = consumed.plus(amount);
    }

    void hold(ConsumptionUnits amount) {
        held = held.plus(amount);
    }

    void close(Instant at) {
        closedAt = at;
    }

    void setUnlimited(boolean unlimited) {
        this.unlimited = unlimited;
    }

    void setOvercommit(boolean overcommit) {
        this.overcommit = overcommit;
    }

    Balance balance() {
        return balance(getId(), kind, name, unlimited, overcommit, allocated, allocatedToChildren, consumed, held,
                closedAt != null);
    }

    long getId() {
        if (id == null) {
            throw new IllegalStateException("account not saved yet");
        }
        return id;
    }

    @Nullable Long getParentId() {
        return parentId;
    }

    String getPath() {
        return path;
    }

    AccountKind getKind() {
        return kind;
    }

    String getName() {
        return name;
    }

    boolean isUnlimited() {
        return unlimited;
    }

    boolean isOvercommit() {
        return overcommit;
    }

    boolean isClosed() {
        return closedAt != null;
    }

    ConsumptionUnits getAllocated() {
        return allocated;
    }

    ConsumptionUnits getAllocatedToChildren() {
        return allocatedToChildren;
    }

    ConsumptionUnits getConsumed() {
        return consumed;
    }

    ConsumptionUnits getHeld() {
        return held;
    }
}
