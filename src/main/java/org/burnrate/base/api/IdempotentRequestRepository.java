package org.burnrate.base.api;

import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

interface IdempotentRequestRepository extends JpaRepository<IdempotentRequest, Long> {

    Optional<IdempotentRequest> findByCallerAndKey(String caller, String key);
}
