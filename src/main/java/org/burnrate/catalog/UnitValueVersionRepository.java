package org.burnrate.catalog;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

interface UnitValueVersionRepository extends JpaRepository<UnitValueVersion, Long> {

    Optional<UnitValueVersion> findFirstByEffectiveFromLessThanEqualOrderByEffectiveFromDescIdDesc(Instant at);

    List<UnitValueVersion> findAllByOrderByEffectiveFromDescIdDesc();
}
