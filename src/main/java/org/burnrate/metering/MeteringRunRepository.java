package org.burnrate.metering;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

interface MeteringRunRepository extends JpaRepository<MeteringRun, Long> {

    List<MeteringRun> findTop20ByOrderByStartedAtDescIdDesc();

    Optional<MeteringRun> findFirstByFinishedAtIsNotNullOrderByMeteredUpToDesc();
}
