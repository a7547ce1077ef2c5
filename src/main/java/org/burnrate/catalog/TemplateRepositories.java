package org.burnrate.catalog;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface ResourceTemplateRepository extends JpaRepository<ResourceTemplate, Long> {

    List<ResourceTemplate> findAllByOrderByName();

    List<ResourceTemplate> findByIdInOrderByName(Collection<Long> ids);

    Optional<ResourceTemplate> findByNameIgnoreCase(String name);

    boolean existsByParentTemplateId(long parentTemplateId);
}

interface RateVersionRepository extends JpaRepository<RateVersionEntity, Long> {

    @Query("select r from RateVersionEntity r where r.templateId = :templateId order by r.effectiveFrom desc, r.id desc")
    List<RateVersionEntity> history(long templateId);

    @Query("select r from RateVersionEntity r where r.templateId in :templateIds")
    List<RateVersionEntity> ofTemplates(Collection<Long> templateIds);
}

interface GroupAllowedTemplateRepository extends JpaRepository<GroupAllowedTemplate, GroupAllowedTemplate.Key> {

    @Query("select a.key.templateId from GroupAllowedTemplate a where a.key.groupId = :groupId")
    List<Long> templateIdsOf(long groupId);

    @Query("select a.key.templateId from GroupAllowedTemplate a where a.key.groupId in :groupIds")
    List<Long> templateIdsOf(Collection<Long> groupIds);

    @Query("select count(a) > 0 from GroupAllowedTemplate a where a.key.groupId = :groupId and a.key.templateId = :templateId")
    boolean isAllowed(long groupId, long templateId);

    @Modifying
    @Query("delete from GroupAllowedTemplate a where a.key.groupId = :groupId")
    void deleteByGroupId(long groupId);
}
