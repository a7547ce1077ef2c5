package org.burnrate.provisioning;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface CloudResourceRepository extends JpaRepository<CloudResource, Long> {

    @Query("select r.id from CloudResource r where r.metered = false and r.id > :afterId order by r.id")
    List<Long> unmeteredAfter(long afterId, org.springframework.data.domain.Limit limit);

    @org.springframework.data.jpa.repository.Modifying(clearAutomatically = true, flushAutomatically = true)
    @Query("update CloudResource r set r.metered = true where r.id = :id and r.version = :version")
    int markMetered(long id, long version);

    /** Records when the resource was first found exhausted, unless it already was (the version stays). */
    @org.springframework.data.jpa.repository.Modifying(clearAutomatically = true, flushAutomatically = true)
    @Query("update CloudResource r set r.exhaustedSince = :at where r.id = :id and r.exhaustedSince is null")
    int markExhausted(long id, java.time.Instant at);

    @org.springframework.data.jpa.repository.Modifying(clearAutomatically = true, flushAutomatically = true)
    @Query("update CloudResource r set r.exhaustedSince = null where r.id = :id and r.exhaustedSince is not null")
    int clearExhausted(long id);

    @Query("select r.exhaustedSince from CloudResource r where r.id = :id")
    Optional<java.time.Instant> exhaustedSince(long id);

    @Query("select r from CloudResource r where r.ownerUserId = :userId and r.state <> 'DELETED' order by r.createdAt desc, r.id desc")
    List<CloudResource> liveOwnedBy(long userId);

    @Query("select r from CloudResource r where r.groupId = :groupId and r.state <> 'DELETED' order by r.createdAt desc, r.id desc")
    List<CloudResource> liveInGroup(long groupId);

    @Query("select r from CloudResource r where r.parentResourceId = :parentId and r.state <> 'DELETED' order by r.id")
    List<CloudResource> liveChildrenOf(long parentId);

    @Query("select r from CloudResource r where r.parentResourceId = :parentId order by r.id")
    List<CloudResource> childrenOf(long parentId);

    @Query("select r from CloudResource r where r.groupId = :groupId order by r.id")
    List<CloudResource> allInGroup(long groupId);

    @Query("select r from CloudResource r where r.state = 'RUNNING' and r.stopAt <= :now order by r.stopAt")
    List<CloudResource> runningWithStopAtReached(java.time.Instant now);

    @Query("""
            select count(r) from CloudResource r where r.groupId = :groupId and r.ownerUserId = :userId
            and r.templateId = :templateId and r.state not in ('DELETED', 'FAILED')""")
    long countLive(long groupId, long userId, long templateId);
}

interface ResourceStateChangeRepository extends JpaRepository<ResourceStateChange, Long> {

    @Query("select c from ResourceStateChange c where c.resourceId = :resourceId order by c.at, c.id")
    List<ResourceStateChange> historyOf(long resourceId);

    @Query("select c from ResourceStateChange c where c.resourceId in :resourceIds order by c.at, c.id")
    List<ResourceStateChange> historiesOf(Collection<Long> resourceIds);

    @Query("select max(c.at) from ResourceStateChange c where c.resourceId = :resourceId")
    Optional<java.time.Instant> lastChangeAt(long resourceId);
}
