-- Demo schema: TPC-DS shaped store_sales and store_returns with generated rows.
CREATE DATABASE IF NOT EXISTS tpcds;
USE tpcds;

CREATE TABLE store_sales (
  ss_sold_date_sk INT, ss_sold_time_sk INT, ss_item_sk INT NOT NULL, ss_customer_sk INT, ss_cdemo_sk INT,
  ss_hdemo_sk INT, ss_addr_sk INT, ss_store_sk INT, ss_promo_sk INT, ss_ticket_number BIGINT NOT NULL,
  ss_quantity INT, ss_wholesale_cost DECIMAL(7,2), ss_list_price DECIMAL(7,2), ss_sales_price DECIMAL(7,2),
  ss_ext_discount_amt DECIMAL(7,2), ss_ext_sales_price DECIMAL(7,2), ss_ext_wholesale_cost DECIMAL(7,2),
  ss_ext_list_price DECIMAL(7,2), ss_ext_tax DECIMAL(7,2), ss_coupon_amt DECIMAL(7,2), ss_net_paid DECIMAL(7,2),
  ss_net_paid_inc_tax DECIMAL(7,2), ss_net_profit DECIMAL(7,2),
  PRIMARY KEY (ss_item_sk, ss_ticket_number)
);

CREATE TABLE store_returns (
  sr_returned_date_sk INT, sr_return_time_sk INT, sr_item_sk INT NOT NULL, sr_customer_sk INT, sr_cdemo_sk INT,
  sr_hdemo_sk INT, sr_addr_sk INT, sr_store_sk INT, sr_reason_sk INT, sr_ticket_number BIGINT NOT NULL,
  sr_return_quantity INT, sr_return_amt DECIMAL(7,2), sr_return_tax DECIMAL(7,2), sr_return_amt_inc_tax DECIMAL(7,2),
  sr_fee DECIMAL(7,2), sr_return_ship_cost DECIMAL(7,2), sr_refunded_cash DECIMAL(7,2),
  sr_reversed_charge DECIMAL(7,2), sr_store_credit DECIMAL(7,2), sr_net_loss DECIMAL(7,2),
  PRIMARY KEY (sr_item_sk, sr_ticket_number)
);

SET SESSION cte_max_recursion_depth = 100000;

INSERT INTO store_sales
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000)
SELECT 2450815 + i % 2000, (i * 37) % 86400, i % 97 + 1, (i * 13) % 100000, (i * 17) % 100000, (i * 19) % 7200,
       (i * 23) % 50000, i % 12 + 1, i % 300 + 1, i, i % 100 + 1,
       (i % 9000) / 100, (i % 9900) / 100, (i % 9500) / 100, (i % 500) / 100, (i % 9400) / 100, (i % 8800) / 100,
       (i % 9900) / 100, (i % 700) / 100, (i % 300) / 100, (i % 9100) / 100, (i % 9700) / 100, ((i % 20000) - 10000) / 100
FROM n;

INSERT INTO store_returns
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
SELECT 2450815 + i % 2000, (i * 41) % 86400, i % 97 + 1, (i * 13) % 100000, (i * 17) % 100000, (i * 19) % 7200,
       (i * 23) % 50000, i % 12 + 1, i % 35 + 1, i * 5, i % 10 + 1,
       (i % 9000) / 100, (i % 700) / 100, (i % 9700) / 100, (i % 900) / 100, (i % 1200) / 100, (i % 5000) / 100,
       (i % 3000) / 100, (i % 2000) / 100, (i % 6000) / 100
FROM n;
