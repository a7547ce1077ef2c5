package org.burnrate.catalog;

import java.io.Serializable;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A template a group's members may use. */
@Entity
@Table(name = "group_allowed_template")
class GroupAllowedTemplate {

    @Embeddable
    record Key(@Column(name = "group_id") long groupId, @Column(name = "template_id") long templateId)
            implements Serializable {
    }

    @EmbeddedId
    private Key key;

    protected GroupAllowedTemplate() {
        this.key = new Key(0, 0);
    }

    GroupAllowedTemplate(long groupId, long templateId) {
        this.key = new Key(groupId, templateId);
    }

    long templateId() {
        return key.templateId();
    }
}
